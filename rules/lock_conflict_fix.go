package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
)

// suggestions builds the alternatives design.md lists for a lock conflict, in the order a
// reader should consider them: split, guard, docker, upgrade.
func (c conflict) suggestions() []analyzer.Suggestion {
	var out []analyzer.Suggestion
	out = append(out, c.split())
	if s, ok := c.guard(); ok {
		out = append(out, s)
	}
	if s, ok := c.docker(); ok {
		out = append(out, s)
	}
	if m := c.pass.Kamal; !m.Inherits() {
		have := "the project's Kamal version is unknown"
		switch {
		case m.Exact && m.Info.Source == "flag":
			have = fmt.Sprintf("checking against --kamal-version %s", m.Info.Version)
		case m.Exact:
			have = fmt.Sprintf("%s has %s", m.Info.Source, m.Info.Version)
		case m.Info.Floor:
			have = fmt.Sprintf("minimum_version allows %s", m.Info.Version)
		}
		out = append(out, analyzer.Suggestion{
			Kind: "upgrade",
			Message: fmt.Sprintf("upgrade to Kamal 2.6.0 or later (%s): hooks that run under the lock then get KAMAL_LOCK=true, "+
				"and a nested kamal 2.6.0 or later shares the outer lock instead of failing", have),
			Edits: []analyzer.TextEdit{},
		})
	}
	return out
}

// split: run the command as a step of its own, after the outer command has released the
// lock (post-* hooks) or before it takes it (pre-* hooks).
func (c conflict) split() analyzer.Suggestion {
	worlds := c.worlds()
	outer := worlds[c.held.First()].Outer
	c.held.Each(func(i int) {
		if worlds[i].Outer == "deploy" {
			outer = "deploy" // the usual way in, where there is a choice
		}
	})
	prog := c.inv.Argv[0].Text
	if d, ok := c.call.Option("destination"); ok {
		outer += " -d " + d.Text // the outer command runs against the same destination
	}
	nested := kamalLine(c.inv)
	step := fmt.Sprintf("`%s %s && %s`", prog, outer, nested)
	when := "once the outer command has released the lock"
	if strings.HasPrefix(c.pass.Hook.Name, "pre-") {
		step = fmt.Sprintf("`%s && %s %s`", nested, prog, outer)
		when = "before the outer command takes the lock"
	}
	return analyzer.Suggestion{
		Kind:    "split",
		Message: fmt.Sprintf("remove it from %s and run it as its own step %s: %s", c.pass.Hook.Name, when, step),
		Edits:   []analyzer.TextEdit{},
	}
}

// guard: skip the command under the outer commands that hold the lock. Offered only where
// KAMAL_COMMAND tells those apart from the ones that do not (not in pre-deploy, where every
// outer command holds the lock, nor where proxy reboot and proxy upgrade share "proxy").
func (c conflict) guard() (analyzer.Suggestion, bool) {
	worlds := c.worlds()
	free := c.free()
	if free.Empty() || c.inv.Anchor == nil {
		return analyzer.Suggestion{}, false
	}
	var skip []string
	ok := true
	c.held.Each(func(i int) {
		name := worlds[i].KamalCommand
		if name == "" {
			ok = false
		}
		if !slices.Contains(skip, name) {
			skip = append(skip, name)
		}
	})
	free.Each(func(i int) {
		if slices.Contains(skip, worlds[i].KamalCommand) {
			ok = false
		}
	})
	if !ok {
		return analyzer.Suggestion{}, false
	}
	var conds []string
	for _, name := range skip {
		conds = append(conds, fmt.Sprintf(`[ "$KAMAL_COMMAND" != %s ]`, name))
	}
	cond := strings.Join(conds, " && ")
	edits, ok := c.pass.Hook.WrapInIf(c.inv.Anchor, cond)
	if !ok {
		return analyzer.Suggestion{}, false
	}
	return analyzer.Suggestion{
		Kind:    "guard",
		Message: fmt.Sprintf("skip it under %s, where the lock is held: wrap it in `if %s; then … fi`", plainOuters(worlds, c.held), cond),
		Edits:   edits,
	}, true
}

// docker: the lock-free docker command over ssh that does the same on the accessory's hosts
// (lock-model.md §8.2), or why none is exact.
func (c conflict) docker() (analyzer.Suggestion, bool) {
	cmd := c.call.Command
	if cmd.Docker.Command == "" {
		if cmd.Docker.Note == "" {
			return analyzer.Suggestion{}, false
		}
		return analyzer.Suggestion{Kind: "docker", Message: cmd.Docker.Note, Edits: []analyzer.TextEdit{}}, true
	}
	cfg := c.config()
	switch cmd.Group() {
	case "accessory":
		return c.accessoryDocker(cfg)
	case "app", "proxy", "traefik":
		return c.hostDocker(cfg)
	}
	return analyzer.Suggestion{}, false
}

// config returns the deploy.yml the nested call reads: with a literal -d, the destination's.
func (c conflict) config() *project.Config {
	p := c.pass.Project
	if p == nil {
		return nil
	}
	if d, ok := c.call.Option("destination"); ok && d.Known {
		return p.ConfigFor(d.Text)
	}
	return p.Config
}

// hostDocker renders the docker equivalent of an app or proxy command on each host it
// targets: the app roles' hosts for app commands (the container found by its labels, as
// Kamal finds the current one), the primary role's hosts for the proxy.
func (c conflict) hostDocker(cfg *project.Config) (analyzer.Suggestion, bool) {
	cmd := c.call.Command
	var lines []string
	if cfg != nil {
		dest := ""
		if d, ok := c.call.Option("destination"); ok && d.Known {
			dest = d.Text
		}
		for _, role := range cfg.Roles {
			if cmd.Group() != "app" && role.Name != cfg.PrimaryRole {
				continue
			}
			if r, ok := c.call.Option("roles"); ok && r.Known && !slices.Contains(strings.Split(r.Text, ","), role.Name) {
				continue
			}
			line := cmd.Docker.Command
			if cmd.Group() == "app" {
				current := fmt.Sprintf("$(docker ps -q --latest --filter label=service=%s --filter label=role=%s --filter label=destination=%s)",
					scalarText(cfg.Service), role.Name, dest)
				line = "'" + strings.ReplaceAll(line, "{container}", current) + "'"
			}
			var hosts []project.Scalar
			for _, h := range role.Hosts {
				hosts = append(hosts, h.Name)
			}
			for _, host := range filterHosts(hosts, c.call) {
				lines = append(lines, "ssh "+sshTarget(cfg, host)+" "+line)
			}
		}
	}
	if len(lines) == 0 {
		line := strings.ReplaceAll(cmd.Docker.Command, "{container}", "<current app container>")
		lines = append(lines, "ssh USER@HOST "+line)
	}
	msg := "without the lock, the same on each host: " + strings.Join(lines, "; ")
	if cmd.Docker.Note != "" {
		msg += " (" + cmd.Docker.Note + ")"
	}
	return analyzer.Suggestion{Kind: "docker", Message: msg, Edits: []analyzer.TextEdit{}}, true
}

// accessoryDocker renders the docker equivalent of an accessory command on each of the
// accessory's hosts, with its container name (lock-model.md §8.1).
func (c conflict) accessoryDocker(cfg *project.Config) (analyzer.Suggestion, bool) {
	cmd := c.call.Command
	name := ""
	if len(c.call.Args) > 0 && c.call.Args[0].Known {
		name = c.call.Args[0].Text
	}
	if cfg == nil || name == "" {
		return analyzer.Suggestion{
			Kind:    "docker",
			Message: fmt.Sprintf("`%s` on each of the accessory's hosts does the same without the lock (ssh USER@HOST %s)", cmd.Docker.Command, cmd.Docker.Command),
			Edits:   []analyzer.TextEdit{},
		}, true
	}
	var accessories []*project.Accessory
	if name == "all" {
		for i := range cfg.Accessories {
			accessories = append(accessories, &cfg.Accessories[i])
		}
	} else if a := cfg.Accessory(name); a != nil {
		accessories = append(accessories, a)
	} else {
		return analyzer.Suggestion{}, false
	}
	var lines []string
	note := cmd.Docker.Note
	for _, a := range accessories {
		container := scalarText(cfg.AccessoryContainer(a))
		line := strings.ReplaceAll(cmd.Docker.Command, "{container}", container)
		note = strings.ReplaceAll(note, "{container}", container)
		for _, host := range filterHosts(cfg.AccessoryHosts(a), c.call) {
			lines = append(lines, "ssh "+sshTarget(cfg, host)+" "+line)
		}
	}
	if len(lines) == 0 {
		return analyzer.Suggestion{}, false
	}
	msg := "without the lock, the same on the accessory's hosts: " + strings.Join(lines, "; ")
	if note != "" {
		msg += " (" + note + ")"
	}
	return analyzer.Suggestion{Kind: "docker", Message: msg, Edits: []analyzer.TextEdit{}}, true
}

// filterHosts keeps the hosts a -h option names, as Kamal intersects them.
func filterHosts(hosts []project.Scalar, call *kamal.Call) []project.Scalar {
	h, ok := call.Option("hosts")
	if !ok || !h.Known || strings.Contains(h.Text, "*") {
		return hosts
	}
	wanted := strings.Split(h.Text, ",")
	var out []project.Scalar
	for _, host := range hosts {
		if host.Dynamic || slices.Contains(wanted, host.Text) {
			out = append(out, host)
		}
	}
	return out
}

// sshTarget renders "[-p PORT ]USER@HOST" from deploy.yml's ssh settings.
func sshTarget(cfg *project.Config, host project.Scalar) string {
	user := "root"
	if cfg.SSHUser.Text != "" {
		user = scalarText(cfg.SSHUser)
	}
	target := user + "@" + scalarText(host)
	if port := cfg.SSHPort.Text; port != "" && port != "22" {
		target = "-p " + scalarText(cfg.SSHPort) + " " + target
	}
	return target
}

// scalarText shows a deploy.yml value; one computed by ERB is shown as a placeholder that
// names its source.
func scalarText(s project.Scalar) string {
	if s.Dynamic {
		return "<" + strings.TrimSpace(s.Text) + ">"
	}
	return s.Text
}
