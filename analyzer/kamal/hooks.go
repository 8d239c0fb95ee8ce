package kamal

import "slices"

// HeldSpan says, from one release on, whether the outer command holds the deploy lock
// while a hook runs.
type HeldSpan struct {
	From Version // first release the value applies to; zero = from the oldest
	Held bool
}

// Run is one outer command line under which Kamal runs a hook.
type Run struct {
	// Outer is the command line that runs the hook: "setup", "deploy", "app boot",
	// "proxy upgrade", ...; "any command" for pre-connect.
	Outer string
	// KamalCommand is the value of KAMAL_COMMAND in the hook under Outer: the first CLI
	// word (lock-model.md §5.2); "" for pre-connect's "any command".
	KamalCommand string
	// Since and Until bound the releases in which Outer runs the hook (zero = the hook's
	// own bounds; Until is exclusive).
	Since, Until Version
	// Held lists, in ascending From, whether the outer process holds the lock while the
	// hook runs; the last span with From <= v applies.
	Held []HeldSpan
}

// HeldAt reports whether the outer process holds the lock while the hook runs at v.
func (r Run) HeldAt(v Version) bool {
	held := false
	for _, s := range r.Held {
		if s.From.IsZero() || v.AtLeast(s.From) {
			held = s.Held
		}
	}
	return held
}

// Hook is one hook Kamal runs (lock-model.md §4.1).
type Hook struct {
	Name         string  // file name in hooks_path: "post-deploy"
	Since, Until Version // releases that run it (zero = open; Until exclusive)
	Runs         []Run   // the outer commands that run it
	Cite         string  // where the facts come from
	// RenamedTo is the hook that took this one's place when Kamal stopped running it:
	// Kamal 2 replaced Traefik with kamal-proxy and the traefik hooks with proxy hooks.
	RenamedTo string
}

// OuterRun is a [Run] resolved for one release.
type OuterRun struct {
	Outer, KamalCommand string
	Held                bool // the outer process holds the lock while the hook runs
}

// Hooks returns every hook Kamal runs in any release, in table order. The slice is a copy;
// the hooks are shared and must not be modified.
func Hooks() []*Hook { return slices.Clone(hookTable) }

// FindHook returns the hook with this exact file name in any release, or nil when Kamal
// never runs a hook of that name.
func FindHook(name string) *Hook {
	for _, h := range hookTable {
		if h.Name == name {
			return h
		}
	}
	return nil
}

// ExistsAt reports whether release v runs the hook.
func (h *Hook) ExistsAt(v Version) bool { return v.In(h.Since, h.Until) }

// RunsAt returns the outer commands that run the hook at release v, with whether each
// holds the lock meanwhile; nil when v does not run the hook.
func (h *Hook) RunsAt(v Version) []OuterRun {
	if !h.ExistsAt(v) {
		return nil
	}
	n := 0
	for _, r := range h.Runs {
		if v.In(r.Since, r.Until) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	runs := make([]OuterRun, 0, n)
	for _, r := range h.Runs {
		if v.In(r.Since, r.Until) {
			runs = append(runs, OuterRun{Outer: r.Outer, KamalCommand: r.KamalCommand, Held: r.HeldAt(v)})
		}
	}
	return runs
}

// AnyCommand is the [Run.Outer] of pre-connect, which every command that connects runs.
const AnyCommand = "any command"

// Held spans shared by the rows of hookTable. lock-model.md §4.3.
var (
	held    = []HeldSpan{{Held: true}}
	notHeld = []HeldSpan{{Held: false}}
	// heldInE1: held in E1 (the build ran inside `mutating`), not from v1.6.0.
	heldInE1 = []HeldSpan{{Held: true}, {From: V(1, 6, 0), Held: false}}
	// heldFromE2: `server bootstrap` locks from v1.6.0 only.
	heldFromE2 = []HeldSpan{{Held: false}, {From: V(1, 6, 0), Held: true}}
)

// appBootRuns are the outer commands that run pre-app-boot and post-app-boot: every one
// boots the app through `app boot`, whose own lock is held around the hooks.
// lock-model.md §4.2, §4.3; lib/kamal/cli/app.rb@v2.12.0:24,30.
var appBootRuns = []Run{
	{Outer: "setup", KamalCommand: "setup", Held: held},
	{Outer: "deploy", KamalCommand: "deploy", Held: held},
	{Outer: "redeploy", KamalCommand: "redeploy", Held: held},
	{Outer: "rollback", KamalCommand: "rollback", Held: held},
	{Outer: "app boot", KamalCommand: "app", Held: held},
	{Outer: "proxy upgrade", KamalCommand: "proxy", Held: held},
	{Outer: "upgrade", KamalCommand: "upgrade", Held: held},
}

// proxyRebootRuns are the outer commands that run pre-proxy-reboot and post-proxy-reboot.
// lock-model.md §4.2, §4.3; lib/kamal/cli/proxy.rb@v2.12.0:115,128,145,169.
var proxyRebootRuns = []Run{
	{Outer: "proxy reboot", KamalCommand: "proxy", Held: held},
	{Outer: "proxy upgrade", KamalCommand: "proxy", Held: notHeld},
	{Outer: "upgrade", KamalCommand: "upgrade", Held: held},
}

// traefikRebootRuns are the outer commands that run pre-traefik-reboot and
// post-traefik-reboot. lock-model.md §4.2, §4.3; lib/kamal/cli/traefik.rb@v1.9.3:21,29,134,157.
var traefikRebootRuns = []Run{
	{Outer: "traefik reboot", KamalCommand: "traefik", Held: held},
	{Outer: "traefik downgrade", KamalCommand: "traefik", Since: V(1, 9, 0), Held: notHeld},
	{Outer: "downgrade", KamalCommand: "downgrade", Since: V(1, 9, 0), Held: held},
}

// hookTable is every hook of every release. lock-model.md §4.1 (inventory), §4.3 (held),
// §5.2 (KAMAL_COMMAND).
var hookTable = []*Hook{
	{Name: "pre-connect",
		Runs: []Run{{Outer: AnyCommand, Held: notHeld}},
		Cite: "lock-model.md §4.1, §4.3; lib/kamal/cli/base.rb@v2.12.0:262-267, @v1.0.0:80"},
	{Name: "pre-build",
		Runs: []Run{
			{Outer: "setup", KamalCommand: "setup", Held: held},
			{Outer: "deploy", KamalCommand: "deploy", Held: heldInE1},
			{Outer: "redeploy", KamalCommand: "redeploy", Held: heldInE1},
			{Outer: "build push", KamalCommand: "build", Held: heldInE1},
			{Outer: "build deliver", KamalCommand: "build", Held: heldInE1},
		},
		Cite: "lock-model.md §4.1, §4.3; lib/kamal/cli/build.rb@v2.12.0:24, @v1.0.0:20"},
	{Name: "docker-setup", Since: V(1, 4, 0),
		Runs: []Run{
			{Outer: "setup", KamalCommand: "setup", Held: held},
			{Outer: "server bootstrap", KamalCommand: "server", Held: heldFromE2},
		},
		Cite: "lock-model.md §4.1, §4.3; lib/kamal/cli/server.rb@v2.12.0:67, @v1.4.0:23"},
	{Name: "pre-deploy",
		Runs: []Run{
			{Outer: "setup", KamalCommand: "setup", Held: held},
			{Outer: "deploy", KamalCommand: "deploy", Held: held},
			{Outer: "redeploy", KamalCommand: "redeploy", Held: held},
			{Outer: "rollback", KamalCommand: "rollback", Held: held},
		},
		Cite: "lock-model.md §4.1, §4.3; lib/kamal/cli/main.rb@v2.12.0:35,73,98"},
	{Name: "post-deploy",
		Runs: []Run{
			{Outer: "setup", KamalCommand: "setup", Held: held},
			{Outer: "deploy", KamalCommand: "deploy", Held: notHeld},
			{Outer: "redeploy", KamalCommand: "redeploy", Held: notHeld},
			{Outer: "rollback", KamalCommand: "rollback", Held: notHeld},
		},
		Cite: "lock-model.md §4.1, §4.3, §4.4; lib/kamal/cli/main.rb@v2.12.0:52,82,108"},
	{Name: "pre-app-boot", Since: V(2, 5, 0), Runs: appBootRuns,
		Cite: "lock-model.md §4.1, §4.3; lib/kamal/cli/app.rb@v2.12.0:24"},
	{Name: "post-app-boot", Since: V(2, 5, 0), Runs: appBootRuns,
		Cite: "lock-model.md §4.1, §4.3; lib/kamal/cli/app.rb@v2.12.0:30"},
	{Name: "pre-proxy-reboot", Since: V(2, 0, 0), Runs: proxyRebootRuns,
		Cite: "lock-model.md §4.1, §4.3; lib/kamal/cli/proxy.rb@v2.12.0:115,145"},
	{Name: "post-proxy-reboot", Since: V(2, 0, 0), Runs: proxyRebootRuns,
		Cite: "lock-model.md §4.1, §4.3; lib/kamal/cli/proxy.rb@v2.12.0:128,169"},
	{Name: "pre-traefik-reboot", Since: V(1, 2, 0), Until: V(2, 0, 0), Runs: traefikRebootRuns, RenamedTo: "pre-proxy-reboot",
		Cite: "lock-model.md §4.1, §4.3; lib/kamal/cli/traefik.rb@v1.9.3:21,134, @v1.2.0:19"},
	{Name: "post-traefik-reboot", Since: V(1, 2, 0), Until: V(2, 0, 0), Runs: traefikRebootRuns, RenamedTo: "post-proxy-reboot",
		Cite: "lock-model.md §4.1, §4.3; lib/kamal/cli/traefik.rb@v1.9.3:29,157, @v1.2.0:27"},
}

// ForbiddenHookNames are hook file names whose mere presence in hooks_path (File.exist?, so
// a directory counts too) makes every command of the given releases that loads the config
// fail with "Found pre-traefik-reboot, post-traefik-reboot, these should be renamed to
// (pre|post)-proxy-reboot". lock-model.md §4.1; lib/kamal/configuration.rb@v2.12.0:383-391
// (ensure_no_traefik_reboot_hooks), @v2.0.0:346.
var ForbiddenHookNames = []struct {
	Name  string
	Since Version
}{
	{"pre-traefik-reboot", V(2, 0, 0)},
	{"post-traefik-reboot", V(2, 0, 0)},
}
