package project

import (
	"fmt"
	"slices"
	"strings"
)

// decoder builds a Config from a merged tnode tree, collecting problems about odd shapes
// instead of failing: the rest of the file is still used.
type decoder struct {
	problems []Problem
}

// maxProblems caps the problems one decoding reports: a list of thousands of bad entries
// (easily made with aliases) needs only its first few shown.
const maxProblems = 50

func (d *decoder) problemf(n *tnode, format string, args ...any) {
	switch {
	case len(d.problems) < maxProblems:
		d.problems = append(d.problems, Problem{File: n.file, Line: n.val.Line, Message: fmt.Sprintf(format, args...)})
	case len(d.problems) == maxProblems:
		d.problems = append(d.problems, Problem{File: n.file, Message: "too many problems; the rest are not shown"})
	}
}

// decodeConfig reads the keys hooklint needs from the top-level mapping top.
func decodeConfig(top *tnode, files []string) (*Config, []Problem) {
	d := &decoder{}
	c := &Config{
		Files:       files,
		PrimaryRole: "web",
		SSHUser:     Scalar{Text: "root"},
		SSHPort:     Scalar{Text: "22"},
	}
	c.Service = d.scalar(top, "service")
	c.HooksPath = d.scalar(top, "hooks_path")
	c.MinimumVersion = d.scalar(top, "minimum_version")
	if s := d.scalar(top, "primary_role"); s.Text != "" {
		c.PrimaryRole = s.Text
	}
	if n := top.get("require_destination"); n != nil && n.kind == kindScalar {
		c.RequireDestination = rubyTrue(n.val.Text)
	}
	if ssh := d.mapping(top, "ssh"); ssh != nil {
		if s := d.scalar(ssh, "user"); s.Text != "" {
			c.SSHUser = s
		}
		if s := d.scalar(ssh, "port"); s.Text != "" {
			c.SSHPort = s
		}
	}
	d.servers(c, top.get("servers"))
	d.accessories(c, d.mapping(top, "accessories"))
	if al := d.mapping(top, "aliases"); al != nil {
		c.Aliases = map[string]Scalar{}
		for i, k := range al.keys {
			v := al.vals[i]
			if k.Dynamic {
				continue // a name computed by ERB can never be matched
			}
			if v.kind != kindScalar {
				d.problemf(v, "aliases/%s must be a command line", k.Text)
				continue
			}
			c.Aliases[k.Text] = v.val
		}
	}
	return c, d.problems
}

// rubyTrue reports whether a YAML 1.1 scalar is true as Psych reads it.
func rubyTrue(s string) bool {
	switch s {
	case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON":
		return true
	}
	return false
}

// scalar returns m[key] as a Scalar, zero when absent or null; other shapes are a problem.
func (d *decoder) scalar(m *tnode, key string) Scalar {
	n := m.get(key)
	if n == nil || n.kind == kindNull {
		return Scalar{}
	}
	if n.kind != kindScalar {
		d.problemf(n, "%s must be a single value", key)
		return Scalar{}
	}
	return n.val
}

// mapping returns m[key] if it is a mapping; nil otherwise, with a problem unless it is absent,
// null or computed by ERB.
func (d *decoder) mapping(m *tnode, key string) *tnode {
	n := m.get(key)
	switch {
	case n == nil || n.kind == kindNull || n.dynamic():
		return nil
	case n.kind != kindMap:
		d.problemf(n, "%s must be a map", key)
		return nil
	}
	return n
}

// strings returns the scalars of a scalar (one) or a list, as Ruby's Array(x) sees them.
func (d *decoder) strings(n *tnode, what string) []Scalar {
	switch n.kind {
	case kindNull:
		return nil
	case kindScalar:
		return []Scalar{n.val}
	case kindSeq:
		var out []Scalar
		for _, item := range n.items {
			switch {
			case item.kind == kindScalar:
				out = append(out, item.val)
			case item.kind != kindNull:
				d.problemf(item, "%s must be a list of single values", what)
			}
		}
		return out
	}
	d.problemf(n, "%s must be a list", what)
	return nil
}

// servers decodes `servers`: a list (the single role "web") or a map of role name to a list
// of hosts or to a map with `hosts:` (configuration/servers.rb, role.rb).
func (d *decoder) servers(c *Config, n *tnode) {
	switch {
	case n == nil || n.kind == kindNull || n.dynamic():
		return
	case n.kind == kindSeq:
		c.Roles = []Role{{Name: "web", Hosts: d.hosts(n, "servers")}}
		return
	case n.kind != kindMap:
		d.problemf(n, "servers must be a list or a map")
		return
	}
	for i, k := range n.keys {
		v := n.vals[i]
		ctx := "servers/" + k.Text
		r := Role{Name: k.Text}
		switch {
		case v.kind == kindSeq:
			r.Hosts = d.hosts(v, ctx)
			d.tagged(c, v)
		case v.kind == kindMap:
			if h := v.get("hosts"); h != nil && !h.dynamic() {
				if h.kind == kindScalar {
					h = &tnode{kind: kindSeq, items: []*tnode{h}, file: h.file, val: h.val}
				}
				r.Hosts = d.hosts(h, ctx+"/hosts")
			}
		case !v.dynamic():
			d.problemf(v, "%s must be a list or a map", ctx)
		}
		c.Roles = append(c.Roles, r)
	}
	slices.SortFunc(c.Roles, func(a, b Role) int { return strings.Compare(a.Name, b.Name) })
}

// hosts decodes a list of host entries: "1.2.3.4", {"1.2.3.4": tag} or {"1.2.3.4": [tags]}.
// A host listed twice appears once, at its first position, with its last tags, as in
// Kamal's tagged_hosts hash.
func (d *decoder) hosts(n *tnode, ctx string) []Host {
	if n.kind != kindSeq {
		if n.kind != kindNull {
			d.problemf(n, "%s must be a list", ctx)
		}
		return nil
	}
	var hosts []Host
	at := map[string]int{}
	for _, item := range n.items {
		h, ok := d.host(item, ctx)
		if !ok {
			continue
		}
		if i, dup := at[h.Name.Text]; dup {
			hosts[i].Tags = h.Tags
			continue
		}
		at[h.Name.Text] = len(hosts)
		hosts = append(hosts, h)
	}
	return hosts
}

func (d *decoder) host(item *tnode, ctx string) (Host, bool) {
	switch item.kind {
	case kindScalar:
		return Host{Name: item.val}, true
	case kindMap:
		if len(item.keys) == 0 {
			break
		}
		// Kamal takes the first pair only (host_config.first).
		h := Host{Name: item.keys[0]}
		for _, t := range d.strings(item.vals[0], ctx+"/"+item.keys[0].Text) {
			h.Tags = append(h.Tags, t.Text)
		}
		return h, true
	case kindNull:
		return Host{}, false
	}
	d.problemf(item, "%s: a host must be a name or a map of a name to tags", ctx)
	return Host{}, false
}

// tagged records the host entries of a role written as a list, for accessory tags.
func (d *decoder) tagged(c *Config, list *tnode) {
	for _, item := range list.items {
		if item.kind != kindMap || len(item.keys) == 0 {
			continue
		}
		th := taggedHost{name: item.keys[0]}
		switch v := item.vals[0]; v.kind {
		case kindScalar:
			th.tags, th.str = []string{v.val.Text}, true
		case kindSeq:
			for _, t := range v.items {
				if t.kind == kindScalar {
					th.tags = append(th.tags, t.val.Text)
				}
			}
		}
		c.tagged = append(c.tagged, th)
	}
}

// accessories decodes `accessories` (configuration/accessory.rb).
func (d *decoder) accessories(c *Config, m *tnode) {
	if m == nil {
		return
	}
	for i, k := range m.keys {
		v := m.vals[i]
		ctx := "accessories/" + k.Text
		a := Accessory{Name: k.Text, Line: k.Line}
		switch {
		case v.kind == kindMap:
			a.Service = d.scalar(v, "service")
			for _, key := range []string{"host", "hosts"} {
				// A list computed by ERB stays one Dynamic entry: hosts unknown.
				if h := v.get(key); h != nil {
					a.Hosts = append(a.Hosts, d.strings(h, ctx+"/"+key)...)
				}
			}
			a.Roles = d.names(v, ctx, "role", "roles")
			a.Tags = d.names(v, ctx, "tag", "tags")
		case !v.dynamic() && v.kind != kindNull:
			d.problemf(v, "%s must be a map", ctx)
		}
		c.Accessories = append(c.Accessories, a)
	}
	slices.SortFunc(c.Accessories, func(a, b Accessory) int { return strings.Compare(a.Name, b.Name) })
}

// names returns the texts of m[one] and m[many].
func (d *decoder) names(m *tnode, ctx string, keys ...string) []string {
	var out []string
	for _, key := range keys {
		if n := m.get(key); n != nil {
			for _, s := range d.strings(n, ctx+"/"+key) {
				out = append(out, s.Text)
			}
		}
	}
	return out
}
