package project

import "strings"

// Scalar is one value read from deploy.yml.
type Scalar struct {
	// Text is the value as written (after YAML unquoting); for a value computed by ERB, the
	// ERB source, e.g. `<%= ENV["DB_HOST"] %>`, possibly inside surrounding text.
	Text string
	// Dynamic is set when Text contains ERB: the real value is only known at deploy time.
	Dynamic bool
	// Line is the 1-based line in the file the value came from; 0 for defaults.
	Line int
}

// Host is a server of a role, with the tags it carries (`{"1.2.3.4": [tag, ...]}`).
type Host struct {
	Name Scalar
	Tags []string
}

// Role is an entry of `servers` (lock-model.md §7).
type Role struct {
	Name  string
	Hosts []Host // in file order, each name once
}

// Accessory is an entry of `accessories` (lock-model.md §7, §8.1).
type Accessory struct {
	Name    string
	Service Scalar   // the `service:` override of the container name, zero when absent
	Hosts   []Scalar // from host / hosts
	Roles   []string // from role / roles
	Tags    []string // from tag / tags
	Line    int      // line of the accessory's name
}

// Config is what hooklint reads from a deploy.yml (merged with a destination file, see
// [Project.ConfigFor]). Only the keys the rules need are decoded.
type Config struct {
	// Files are the slash paths, relative to the project root, that were merged.
	Files []string
	// Service is `service`, the prefix of containers and of the lock directory.
	Service Scalar
	// Roles are the roles of `servers`, sorted by name as Kamal sorts them. A list of
	// servers is the single role "web".
	Roles []Role
	// PrimaryRole is `primary_role`, default "web": its first host holds the lock (§2.1).
	PrimaryRole string
	// Accessories are the entries of `accessories`, sorted by name.
	Accessories []Accessory
	// Aliases maps an alias name to its command line (Kamal 2.0+).
	Aliases map[string]Scalar
	// HooksPath is `hooks_path`, zero when absent.
	HooksPath Scalar
	// SSHUser is `ssh.user`, default "root".
	SSHUser Scalar
	// SSHPort is `ssh.port`, default "22".
	SSHPort Scalar
	// MinimumVersion is `minimum_version`, zero when absent.
	MinimumVersion Scalar
	// RequireDestination is `require_destination`: every command then needs -d.
	RequireDestination bool

	// tagged lists the hosts an accessory's tag/tags can select, in Kamal's order (see
	// [Config.AccessoryHosts]).
	tagged []taggedHost
}

// taggedHost is a host entry with tags as Kamal's Accessory#extract_hosts_from_config_with_tag
// sees it.
type taggedHost struct {
	name Scalar
	tags []string
	// str is set when the tags were written as one string: Kamal then tests them with
	// String#include?, a substring match.
	str bool
}

// Role returns the role called name, or nil.
func (c *Config) Role(name string) *Role {
	for i := range c.Roles {
		if c.Roles[i].Name == name {
			return &c.Roles[i]
		}
	}
	return nil
}

// PrimaryHost returns the first host of the primary role: the host that holds the deploy
// lock when no -h/-r filter is given (lock-model.md §2.1). ok is false when that role is
// missing or has no hosts.
func (c *Config) PrimaryHost() (Scalar, bool) {
	r := c.Role(c.PrimaryRole)
	if r == nil || len(r.Hosts) == 0 {
		return Scalar{}, false
	}
	return r.Hosts[0].Name, true
}

// Accessory returns the accessory called name, or nil.
func (c *Config) Accessory(name string) *Accessory {
	for i := range c.Accessories {
		if c.Accessories[i].Name == name {
			return &c.Accessories[i]
		}
	}
	return nil
}

// AccessoryContainer returns the container name of a (lock-model.md §8.1): its `service:`
// override, else "<service>-<name>", Dynamic when the service is. It is the zero Scalar when
// there is neither an override nor a service.
func (c *Config) AccessoryContainer(a *Accessory) Scalar {
	if a.Service != (Scalar{}) {
		return a.Service
	}
	if c.Service.Text == "" {
		return Scalar{}
	}
	return Scalar{Text: c.Service.Text + "-" + a.Name, Dynamic: c.Service.Dynamic, Line: a.Line}
}

// AccessoryHosts returns the hosts a runs on: its host/hosts, then the hosts of its
// role/roles, then the hosts carrying one of its tags; deduplicated, in that order. Kamal
// accepts only one of these keys; the union is the same for a valid file.
//
// Tags are matched as Kamal 2.12 matches them (configuration/accessory.rb,
// extract_hosts_from_config_with_tag): only in roles written as a plain list of hosts (not in
// `servers` as a list, nor under a role's `hosts:` key), and a tag written as a string
// matches by substring.
func (c *Config) AccessoryHosts(a *Accessory) []Scalar {
	var hosts []Scalar
	seen := map[string]bool{}
	add := func(h Scalar) {
		if !seen[h.Text] {
			seen[h.Text] = true
			hosts = append(hosts, h)
		}
	}
	for _, h := range a.Hosts {
		add(h)
	}
	for _, name := range a.Roles {
		if r := c.Role(name); r != nil {
			for _, h := range r.Hosts {
				add(h.Name)
			}
		}
	}
	done := map[string]bool{}
	for _, tag := range a.Tags {
		if done[tag] {
			continue
		}
		done[tag] = true
		for _, th := range c.tagged {
			if !seen[th.name.Text] && th.matches(tag) {
				add(th.name)
			}
		}
	}
	return hosts
}

// matches reports whether th carries tag. A tag written as a string matches by substring,
// as Ruby's String#include? does.
func (th taggedHost) matches(tag string) bool {
	for _, t := range th.tags {
		if t == tag || th.str && strings.Contains(t, tag) {
			return true
		}
	}
	return false
}

// AliasMap returns alias name -> command line for the aliases whose command is written
// literally (not computed by ERB).
func (c *Config) AliasMap() map[string]string {
	m := make(map[string]string, len(c.Aliases))
	for name, cmd := range c.Aliases {
		if !cmd.Dynamic {
			m[name] = cmd.Text
		}
	}
	return m
}
