package kamal

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestReleases(t *testing.T) {
	if len(Releases) != 46 {
		t.Errorf("len(Releases) = %d, want 46 (the v1.x and v2.x tags)", len(Releases))
	}
	for i := 1; i < len(Releases); i++ {
		if !Releases[i-1].Less(Releases[i]) {
			t.Errorf("Releases not ascending at %s, %s", Releases[i-1], Releases[i])
		}
	}
	if Releases[0] != Oldest || Releases[len(Releases)-1] != Newest {
		t.Errorf("Releases span %s..%s, want %s..%s", Releases[0], Releases[len(Releases)-1], Oldest, Newest)
	}
}

// sourceCommand is one command at one release as read from Kamal's source
// (testdata/kamal-cli.txt).
type sourceCommand struct {
	hidden bool
	lock   string // "L", "stop" or "-"
	arity  string // "required,optional,splat" as Arity.String writes it
	opts   []string
}

func readSource(t *testing.T) map[Version]map[string]sourceCommand {
	t.Helper()
	f, err := os.Open("testdata/kamal-cli.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	src := map[Version]map[string]sourceCommand{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var span, path, hidden, lock, arity, opts string
		if _, err := fmt.Sscanf(line, "%s %s %s %s %s %s", &span, &path, &hidden, &lock, &arity, &opts); err != nil {
			t.Fatalf("bad line %q: %v", line, err)
		}
		from, to, _ := strings.Cut(span, "..")
		lo, hi := MustVersion(from), MustVersion(to)
		sc := sourceCommand{hidden: hidden == "hidden=true", lock: strings.TrimPrefix(lock, "lock="), arity: strings.TrimPrefix(arity, "args=")}
		if o := strings.TrimPrefix(opts, "opts="); o != "" {
			sc.opts = strings.Split(o, ",")
		}
		for _, v := range Releases {
			if v.AtLeast(lo) && !hi.Less(v) {
				if src[v] == nil {
					src[v] = map[string]sourceCommand{}
				}
				src[v][strings.ReplaceAll(path, "/", " ")] = sc
			}
		}
	}
	return src
}

// lockOverrides are the rows whose lock rule the source grep cannot see: commands that
// lock through invoked steps or through `raise_if_locked`.
var lockOverrides = map[string]bool{
	"envify": true, "proxy upgrade": true, "traefik downgrade": true, "lock acquire": true,
}

// TestCommandsMatchKamalSource checks the table against the commands, hidden flags,
// arities, options and lock calls read from lib/kamal/cli/*.rb at every release tag.
func TestCommandsMatchKamalSource(t *testing.T) {
	src := readSource(t)
	for _, v := range Releases {
		want := src[v]
		for _, c := range Commands() {
			if !c.ExistsAt(v) || c.Path == "help" {
				continue
			}
			s, ok := want[c.Path]
			if !ok {
				t.Errorf("%s: table has %q, Kamal does not", v, c.Path)
				continue
			}
			if c.Hidden != s.hidden {
				t.Errorf("%s: %q Hidden = %v, source %v", v, c.Path, c.Hidden, s.hidden)
			}
			if got := c.ArityAt(v).String(); got != s.arity {
				t.Errorf("%s: %q arity = %s, source %s", v, c.Path, got, s.arity)
			}
			var got []string
			for _, o := range c.Options {
				if o.ExistsAt(v) {
					got = append(got, fmt.Sprintf("%s:%s:%s", o.Name, o.Short, o.Type))
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, s.opts) {
				t.Errorf("%s: %q options = %v, source %v", v, c.Path, got, s.opts)
			}
			if lockOverrides[c.Path] {
				continue
			}
			span, locks := c.LockSpanAt(v)
			var rule string
			switch {
			case !locks:
				rule = "-"
			case span.Rule == Locks:
				rule = "L"
			case span.Rule == LocksWithOption && span.Option == "stop":
				rule = "stop"
			default:
				rule = span.Rule.String()
			}
			if rule != s.lock {
				t.Errorf("%s: %q lock = %s, source %s", v, c.Path, rule, s.lock)
			}
		}
		for path := range want {
			if FindCommand(v, path) == nil {
				t.Errorf("%s: Kamal has %q, the table does not", v, path)
			}
		}
	}
}

func TestTableConsistency(t *testing.T) {
	for _, c := range Commands() {
		if !c.Since.IsZero() && !c.Until.IsZero() && !c.Since.Less(c.Until) {
			t.Errorf("%q: Since %s not before Until %s", c.Path, c.Since, c.Until)
		}
		for i, s := range c.Lock {
			if i > 0 && !c.Lock[i-1].From.Less(s.From) {
				t.Errorf("%q: lock spans not ascending", c.Path)
			}
			if s.Rule == LocksWithOption || s.Rule == LocksUnlessOption {
				at := s.From
				if at.IsZero() {
					at = Oldest
				}
				if !slices.ContainsFunc(c.Options, func(o Option) bool { return o.Name == s.Option && o.ExistsAt(at) }) {
					t.Errorf("%q: lock option %q is not an option of the command at %s", c.Path, s.Option, at)
				}
			}
		}
		if !strings.HasPrefix(c.Cite, "lock-model.md §") {
			t.Errorf("%q: Cite %q does not cite lock-model.md", c.Path, c.Cite)
		}
		if g := c.Group(); g != "" {
			for _, v := range Releases {
				if c.ExistsAt(v) && !slices.Contains(Groups(v), g) {
					t.Errorf("%s: %q exists but group %q does not", v, c.Path, g)
				}
			}
		}
	}
	for _, v := range Releases {
		seen := map[string]bool{}
		for _, c := range Commands() {
			if !c.ExistsAt(v) {
				continue
			}
			if seen[c.Path] {
				t.Errorf("%s: duplicate command %q", v, c.Path)
			}
			seen[c.Path] = true
			names, shorts := map[string]bool{}, map[string]bool{}
			for _, o := range c.OptionsAt(v) {
				if names[o.Name] {
					t.Errorf("%s: %q has option %q twice", v, c.Path, o.Name)
				}
				names[o.Name] = true
				if o.Short != "" && shorts[o.Short] {
					t.Errorf("%s: %q has short option -%s twice", v, c.Path, o.Short)
				}
				shorts[o.Short] = true
			}
		}
	}
}

// opts builds a hasOption function for TakesLock.
func opts(names ...string) func(string) bool {
	return func(n string) bool { return slices.Contains(names, n) }
}

func TestTakesLock(t *testing.T) {
	v1_0, v1_5, v1_6, v1_9, v2_0, v2_5, v2_6, v2_12 := V(1, 0, 0), V(1, 5, 2), V(1, 6, 0), V(1, 9, 3), V(2, 0, 0), V(2, 5, 3), V(2, 6, 0), V(2, 12, 0)
	tests := []struct {
		path string
		v    Version
		opts []string
		want bool
	}{
		{"setup", v1_0, nil, true},
		{"setup", v2_12, nil, true},
		{"deploy", v1_5, nil, true},
		{"deploy", v2_12, []string{"skip_push"}, true},
		{"build push", v1_0, nil, true},
		{"build push", v1_5, nil, true},
		{"build push", v1_6, nil, false},
		{"build push", v2_12, nil, false},
		{"build deliver", v1_5, nil, true},
		{"build deliver", v2_0, nil, false},
		{"build details", v1_0, nil, false},
		{"server bootstrap", v1_0, nil, false},
		{"server bootstrap", v1_5, nil, false},
		{"server bootstrap", v1_6, nil, true},
		{"server bootstrap", v2_12, nil, true},
		{"app stale_containers", v1_0, nil, true},
		{"app stale_containers", v1_5, nil, true},
		{"app stale_containers", v1_6, nil, false},
		{"app stale_containers", v1_9, []string{"stop"}, true},
		{"app stale_containers", v2_12, nil, false},
		{"app stale_containers", v2_12, []string{"stop"}, true},
		{"app exec", v1_0, []string{"interactive", "reuse"}, false},
		{"app exec", v2_12, []string{"interactive", "reuse", "detach", "env"}, false},
		{"accessory exec", v2_12, []string{"interactive", "reuse"}, false},
		{"server exec", v2_12, []string{"interactive"}, false},
		{"app boot", v2_5, nil, true},
		{"accessory reboot", v1_0, nil, true},
		{"accessory reboot", v2_12, nil, true},
		{"lock acquire", v1_0, []string{"message"}, true},
		{"lock acquire", v2_12, []string{"message"}, true},
		{"lock release", v2_12, nil, false},
		{"lock status", v2_12, nil, false},
		{"envify", v1_0, nil, true},
		{"envify", v1_9, nil, true},
		{"envify", v1_9, []string{"skip_push"}, false},
		{"env push", v1_9, nil, true},
		{"proxy upgrade", v2_6, nil, true},
		{"traefik downgrade", v1_9, nil, true},
		{"downgrade", v1_9, nil, true},
		{"upgrade", v2_0, nil, true},
		{"proxy reboot", v2_0, nil, true},
		{"proxy boot_config", v2_12, nil, false},
		{"app maintenance", v2_6, nil, true},
		{"accessory pull_image", V(2, 8, 0), nil, true},
		{"prune all", v2_12, nil, true},
		{"registry login", v2_12, nil, false},
		{"secrets fetch", v2_12, nil, false},
		{"help", v2_12, nil, false},
		{"version", v2_12, nil, false},
		{"healthcheck perform", v1_0, nil, false},
	}
	for _, tt := range tests {
		c := FindCommand(tt.v, tt.path)
		if c == nil {
			t.Errorf("FindCommand(%s, %q) = nil", tt.v, tt.path)
			continue
		}
		if got := c.TakesLock(tt.v, opts(tt.opts...)); got != tt.want {
			t.Errorf("%q.TakesLock(%s, %v) = %v, want %v", tt.path, tt.v, tt.opts, got, tt.want)
		}
	}
}

func TestFindCommandRanges(t *testing.T) {
	tests := []struct {
		path string
		v    Version
		want bool
	}{
		{"proxy reboot", V(1, 9, 3), false},
		{"proxy reboot", V(2, 0, 0), true},
		{"traefik reboot", V(1, 9, 3), true},
		{"traefik reboot", V(2, 0, 0), false},
		{"upgrade", V(1, 9, 3), false},
		{"upgrade", V(2, 0, 0), true},
		{"downgrade", V(1, 8, 3), false},
		{"downgrade", V(1, 9, 0), true},
		{"downgrade", V(2, 0, 0), false},
		{"app remove_app_directory", V(2, 5, 3), true},
		{"app remove_app_directory", V(2, 6, 0), false},
		{"app remove_app_directories", V(2, 5, 3), false},
		{"app remove_app_directories", V(2, 6, 0), true},
		{"app live", V(2, 5, 3), false},
		{"app live", V(2, 6, 0), true},
		{"accessory pull_image", V(2, 7, 0), false},
		{"accessory pull_image", V(2, 8, 0), true},
		{"registry setup", V(2, 8, 0), true},
		{"registry login", V(2, 7, 0), true},
		{"registry login", V(2, 8, 1), false},
		{"registry login", V(2, 8, 2), true},
		{"build dev", V(2, 4, 0), false},
		{"build dev", V(2, 5, 0), true},
		{"server exec", V(1, 5, 2), false},
		{"server exec", V(1, 6, 0), true},
		{"docs", V(1, 6, 0), false},
		{"docs", V(1, 7, 0), true},
		{"healthcheck perform", V(1, 5, 2), true},
		{"healthcheck perform", V(1, 6, 0), false},
		{"secrets print", V(2, 0, 0), false},
		{"secrets print", V(2, 1, 0), true},
		{"env push", V(2, 0, 0), false},
		{"app restart", V(2, 12, 0), false},
		{"app restart", V(1, 9, 3), false},
	}
	for _, tt := range tests {
		if got := FindCommand(tt.v, tt.path) != nil; got != tt.want {
			t.Errorf("FindCommand(%s, %q) found = %v, want %v", tt.v, tt.path, got, tt.want)
		}
	}
}

func TestGroups(t *testing.T) {
	tests := []struct {
		v    Version
		want string
	}{
		{V(1, 0, 0), "accessory app build env healthcheck lock prune registry server traefik"},
		{V(1, 9, 3), "accessory app build env lock prune registry server traefik"},
		{V(2, 0, 0), "accessory app build lock proxy prune registry secrets server"},
		{V(2, 12, 0), "accessory app build lock proxy prune registry secrets server"},
	}
	for _, tt := range tests {
		if got := strings.Join(Groups(tt.v), " "); got != tt.want {
			t.Errorf("Groups(%s) = %q, want %q", tt.v, got, tt.want)
		}
	}
	if g := FindCommand(Newest, "app boot").Group(); g != "app" {
		t.Errorf(`Group of "app boot" = %q`, g)
	}
	if g := FindCommand(Newest, "deploy").Group(); g != "" {
		t.Errorf(`Group of "deploy" = %q`, g)
	}
}

func TestDockerHints(t *testing.T) {
	for _, path := range []string{"accessory restart", "accessory start", "accessory stop", "accessory exec", "accessory logs", "proxy restart"} {
		if c := FindCommand(Newest, path); c.Docker.Command == "" {
			t.Errorf("%q has no Docker command", path)
		}
	}
	for _, path := range []string{"accessory reboot", "app boot", "proxy reboot", "accessory boot"} {
		if c := FindCommand(Newest, path); c.Docker.Command != "" || c.Docker.Note == "" {
			t.Errorf("%q: Docker = %+v, want only a Note", path, c.Docker)
		}
	}
	if got := FindCommand(Newest, "proxy restart").Docker.Command; got != "docker restart kamal-proxy" {
		t.Errorf("proxy restart Docker.Command = %q", got)
	}
}

func TestInheritsLock(t *testing.T) {
	if FindCommand(Newest, "accessory reboot").InheritsLock(V(2, 5, 3)) {
		t.Error("accessory reboot inherits the lock on 2.5.3")
	}
	if !FindCommand(Newest, "accessory reboot").InheritsLock(V(2, 6, 0)) {
		t.Error("accessory reboot does not inherit the lock on 2.6.0")
	}
	if FindCommand(Newest, "lock acquire").InheritsLock(Newest) {
		t.Error("lock acquire inherits the lock")
	}
	// variableTable spells InheritsLock out to stay static data.
	if va, _ := FindVariable("KAMAL_LOCK"); va.Since != InheritsLock {
		t.Errorf("KAMAL_LOCK is set from %v, want InheritsLock (%v)", va.Since, InheritsLock)
	}
}

func TestArity(t *testing.T) {
	tests := []struct {
		path string
		v    Version
		n    int
		want bool
	}{
		{"deploy", Newest, 0, true},
		{"deploy", Newest, 1, false},
		{"accessory reboot", Newest, 0, false},
		{"accessory reboot", Newest, 1, true},
		{"accessory reboot", Newest, 2, false},
		{"accessory upgrade", Newest, 0, false}, // its desc shows no NAME; its def requires one
		{"rollback", Newest, 0, false},
		{"docs", Newest, 0, true},
		{"docs", Newest, 1, true},
		{"docs", Newest, 2, false},
		{"app exec", V(1, 9, 3), 1, true},
		{"app exec", V(1, 9, 3), 2, false}, // v1: `def exec(cmd)`, one quoted command line
		{"app exec", V(2, 0, 0), 0, true},
		{"app exec", V(2, 0, 0), 5, true},
		{"accessory exec", V(2, 3, 0), 1, false},
		{"accessory exec", V(2, 3, 0), 2, true},
		{"accessory exec", V(2, 3, 0), 3, false},
		{"accessory exec", V(2, 4, 0), 1, true},
		{"accessory exec", V(2, 4, 0), 3, true},
		{"server exec", V(1, 6, 0), 2, false},
		{"server exec", V(2, 0, 0), 2, true},
		{"secrets extract", Newest, 2, true},
		{"secrets fetch", Newest, 0, true},
	}
	for _, tt := range tests {
		c := FindCommand(tt.v, tt.path)
		if got := c.ArityAt(tt.v).Accepts(tt.n); got != tt.want {
			t.Errorf("%q at %s accepts %d = %v, want %v (arity %s)", tt.path, tt.v, tt.n, got, tt.want, c.ArityAt(tt.v))
		}
	}
}
