package analyzer

import (
	"strings"

	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
)

// SameLock reports whether the call, run at release v, can take the lock the outer command
// holds (lock-model.md §2.1): the lock key is the primary host as the call's -h/-r/-p
// filters compute it, the service (from -c) and the destination. A call that surely uses
// another key, or fails before locking (require_destination without -d), does not meet the
// outer lock. A -d the hook passes is taken to be the outer command's own destination.
func (in *Invocation) SameLock(v kamal.Version) bool {
	call := in.Call(v)
	var cfg *project.Config
	if in.project != nil {
		cfg = in.project.Config
	}
	if cfg != nil && cfg.RequireDestination {
		if _, ok := call.Option("destination"); !ok {
			return false
		}
	}
	if _, ok := call.Squeezed["destination"]; ok {
		// -dstaging, -d"$X": Thor reads squeezed short flags, so the destination is the
		// literal "destination" (or Thor aborts on the rest): never the outer command's.
		return false
	}
	if !in.OwnConfig(v) {
		return false // another config: most likely another service, so another lock
	}
	if cfg == nil {
		return true
	}
	primary, ok := cfg.PrimaryHost()
	if !ok || primary.Dynamic {
		return true
	}
	if hosts, ok := call.Option("hosts"); ok && hosts.Known {
		first, _, _ := strings.Cut(hosts.Text, ",")
		if !strings.Contains(first, "*") && first != primary.Text {
			return false
		}
	}
	if roles, ok := call.Option("roles"); ok && roles.Known && !strings.Contains(roles.Text, "*") {
		names := strings.Split(roles.Text, ",")
		role := names[0]
		for _, n := range names {
			if n == cfg.PrimaryRole {
				role = n
			}
		}
		if r := cfg.Role(role); r != nil && len(r.Hosts) > 0 && !r.Hosts[0].Name.Dynamic && r.Hosts[0].Name.Text != primary.Text {
			return false
		}
	}
	return true
}

// OwnConfig reports whether the call, at release v, reads the project's config/deploy.yml
// rather than another file named with -c.
func (in *Invocation) OwnConfig(v kamal.Version) bool {
	file, ok := in.Call(v).Option("config_file")
	return !ok || sameConfigFile(file)
}

// sameConfigFile reports whether a -c value names the default config/deploy.yml: literally,
// or as a computed directory followed by it ("$PWD/config/deploy.yml").
func sameConfigFile(file kamal.Word) bool {
	if file.Known {
		return strings.TrimPrefix(file.Text, "./") == "config/deploy.yml"
	}
	return strings.HasSuffix(strings.Trim(file.Text, `"'`), "/config/deploy.yml")
}
