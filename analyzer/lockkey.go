package analyzer

import (
	"strings"

	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
)

// LockRelation says how the lock a nested call takes relates to the outer command's.
type LockRelation int

// The relations of a nested call's lock to the outer command's (lock-model.md §2.1).
const (
	// SameLockKey: the call may take the outer command's lock. A -d the hook passes is
	// taken to be the outer command's own destination.
	SameLockKey LockRelation = iota
	// OtherConfig: -c names another config file, most likely another service's lock.
	OtherConfig
	// OtherHost: -h, -r or -p moves the primary host, where the lock lives, elsewhere.
	OtherHost
	// OtherDestination: the destination is surely not the outer command's (-dstaging,
	// squeezed by Thor into -d -s -t ..., sets the destination "destination").
	OtherDestination
	// FailsFirst: the call stops before it locks (require_destination without -d).
	FailsFirst
)

// SameLock reports whether the call, run at release v, can take the lock the outer command
// holds: [Invocation.LockRelation] is SameLockKey.
func (in *Invocation) SameLock(v kamal.Version) bool { return in.LockRelation(v) == SameLockKey }

// LockRelation compares the lock the call takes at release v with the outer command's: the
// lock key is the primary host as the call's -h/-r/-p filters compute it, the service
// (from -c) and the destination (lock-model.md §2.1).
func (in *Invocation) LockRelation(v kamal.Version) LockRelation {
	call := in.Call(v)
	var cfg *project.Config
	if in.project != nil {
		cfg = in.project.Config
	}
	if cfg != nil && cfg.RequireDestination {
		if _, ok := call.Option("destination"); !ok {
			return FailsFirst
		}
	}
	if _, ok := call.Squeezed["destination"]; ok {
		// -dstaging, -d"$X": Thor reads squeezed short flags, so the destination is the
		// literal "destination" (or Thor aborts on the rest): never the outer command's.
		return OtherDestination
	}
	if !in.OwnConfig(v) {
		return OtherConfig
	}
	if cfg == nil {
		return SameLockKey
	}
	primary, ok := cfg.PrimaryHost()
	if !ok || primary.Dynamic {
		return SameLockKey
	}
	if hosts, ok := call.Option("hosts"); ok && hosts.Known {
		first, _, _ := strings.Cut(hosts.Text, ",")
		if !strings.Contains(first, "*") && first != primary.Text {
			return OtherHost
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
			return OtherHost
		}
	}
	return SameLockKey
}

// OwnConfig reports whether the call, at release v, reads the project's config/deploy.yml
// rather than another file named with -c.
func (in *Invocation) OwnConfig(v kamal.Version) bool {
	file, ok := in.Call(v).Option("config_file")
	return !ok || sameConfigFile(file)
}

// EmptyDestination reports whether a -d value is surely empty (-d "", or -d "$KAMAL_DESTINATION"
// where sudo or ssh dropped the variable). Kamal reads config/deploy..yml for it (Ruby's ""
// is true: `sub_ext(".#{destination}.yml") if destination`, lib/kamal/configuration.rb) and
// stops with "Configuration file not found" when it loads the configuration, before any
// lock.
func EmptyDestination(d kamal.Word) bool { return d.Known && d.Text == "" }

// Stops reports whether the call, at release v, stops before its command runs for want
// of a configuration: an empty -d (see [EmptyDestination]). Thor's own refusals are
// [kamal.Call.Runs]'s.
func (in *Invocation) Stops(v kamal.Version) bool {
	d, ok := in.Call(v).Option("destination")
	return ok && EmptyDestination(d)
}

// sameConfigFile reports whether a -c value names the default config/deploy.yml: literally,
// or as a computed directory followed by it ("$PWD/config/deploy.yml").
func sameConfigFile(file kamal.Word) bool {
	if file.Known {
		return strings.TrimPrefix(file.Text, "./") == "config/deploy.yml"
	}
	return strings.HasSuffix(strings.Trim(file.Text, `"'`), "/config/deploy.yml")
}

// SameDestination reports whether the call, at release v, acts on the destination the outer
// command runs with in world w: its -d names w's destination, or is computed (it is taken to
// be the hook's own, "$KAMAL_DESTINATION"), or it has none and w has none. Always true in
// worlds not split by destination, and false for an empty -d: Kamal then stops before any
// lock (see [EmptyDestination]).
func (in *Invocation) SameDestination(v kamal.Version, w World) bool {
	if in.Stops(v) {
		return false
	}
	d, ok := in.Call(v).Option("destination")
	if !w.Destinations {
		return true
	}
	switch {
	case !ok:
		return w.Destination == ""
	case !d.Known:
		return true
	}
	return d.Text == w.Destination
}
