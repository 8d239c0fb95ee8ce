package analyzer

import (
	"slices"
	"sync"

	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/analyzer/shell"
)

// World is one way a hook is reached: an outer kamal command that runs it, with what the
// hook can observe of it, and the Kamal releases in which it is reached so. The walk tells
// worlds apart by the variables the hook can test (KAMAL_COMMAND, KAMAL_LOCK); releases
// that look the same to the hook share a world.
type World struct {
	// Outer is the outer command line without "kamal": "setup", "app boot".
	Outer string
	// KamalCommand is the value of KAMAL_COMMAND under Outer; "" when it is not one value.
	KamalCommand string
	// Held reports whether the outer process holds the deploy lock while the hook runs.
	Held bool
	// Lock is KAMAL_LOCK ("true"/"false"), or "" where Kamal does not set it (< 2.6.0).
	Lock string
	// Releases are the Kamal releases, among those the project may be on, in which the
	// hook is reached this way; oldest first.
	Releases []kamal.Version
	// Destination is, in a project with destinations, the one the outer command runs with
	// (-d, KAMAL_DESTINATION), "" for none; Destinations tells whether worlds are split so.
	Destination  string
	Destinations bool
}

// byDestination splits worlds by the destination the outer command runs with: none (unless
// deploy.yml requires one) and each of the project's, so that a guard on KAMAL_DESTINATION
// and a nested call's -d are read against it (lock-model.md §2.1: the lock is per
// destination). Worlds are left whole when there are no destinations, or when the split
// would be more than the walk tells apart.
func byDestination(worlds []World, dests []string, required bool) []World {
	names := dests
	if !required {
		names = append([]string{""}, dests...)
	}
	if len(dests) == 0 || len(worlds)*len(names) > shell.MaxWorlds {
		return worlds
	}
	out := make([]World, 0, len(worlds)*len(names))
	for _, w := range worlds {
		for _, d := range names {
			w.Destination, w.Destinations = d, true
			out = append(out, w)
		}
	}
	return out
}

// Worlds is a set of indices into a hook's []World.
type Worlds = shell.Worlds

// Model is the range of Kamal releases the analysis reasons about, derived from what the
// project says (lock-model.md §1.3).
type Model struct {
	// Releases are the releases the project may be on, oldest first: the detected version
	// alone; the releases from a minimum_version floor on; or, unknown, every release.
	Releases []kamal.Version
	// Info is what detection found.
	Info project.VersionInfo
	// Exact is set when the version is known (flag or Gemfile.lock).
	Exact bool
}

// worldsCache holds each hook's worlds for each range of releases, computed once: every
// hook of a run, every project on the same releases and every run of a long-lived process
// share them.
var worldsCache sync.Map // worldsKey -> hookWorlds

type worldsKey struct {
	hook        string
	first, last kamal.Version
	n           int
}

type hookWorlds struct {
	worlds []World
	shell  []shell.World
}

// NewModel derives the Model from detected version information.
func NewModel(info project.VersionInfo) Model {
	m := Model{Info: info}
	switch {
	case info.Known():
		m.Releases, m.Exact = []kamal.Version{info.Version}, true
	case info.Floor:
		for _, r := range kamal.Releases {
			if r.AtLeast(info.Version) {
				m.Releases = append(m.Releases, r)
			}
		}
		if len(m.Releases) == 0 {
			m.Releases = []kamal.Version{info.Version} // a floor newer than every release
		}
	default:
		m.Releases = slices.Clone(kamal.Releases)
	}
	return m
}

// Inherits reports whether every release the project may be on passes KAMAL_LOCK to hooks
// and honours it in a nested process (>= 2.6.0).
func (m Model) Inherits() bool { return m.Releases[0].AtLeast(kamal.InheritsLock) }

// Worlds returns the ways Kamal runs a hook over the model's releases: one world per outer
// command (lock-model.md §4.3) and what the hook sees of it (§5), with the releases that
// share it.
func (m Model) Worlds(hook string) []World { return m.hookWorlds(hook).worlds }

// hookWorlds returns a hook's worlds and their variables for the walk, computed once. The
// slices are shared: callers do not modify them.
func (m Model) hookWorlds(hook string) hookWorlds {
	// The releases are one version, the releases from a floor on, or all: the first, the
	// last and their number name them.
	key := worldsKey{hook: hook, n: len(m.Releases)}
	if len(m.Releases) > 0 {
		key.first, key.last = m.Releases[0], m.Releases[len(m.Releases)-1]
	}
	if hw, ok := worldsCache.Load(key); ok {
		return hw.(hookWorlds)
	}
	ws := m.computeWorlds(hook)
	hw := hookWorlds{ws, shellWorlds(ws)}
	worldsCache.Store(key, hw)
	return hw
}

// computeWorlds derives a hook's worlds from the tables.
func (m Model) computeWorlds(hook string) []World {
	h := kamal.FindHook(hook)
	if h == nil {
		return nil
	}
	var ws []World
	for _, v := range m.Releases {
		for _, r := range h.RunsAt(v) {
			w := World{Outer: r.Outer, KamalCommand: r.KamalCommand, Held: r.Held}
			if v.AtLeast(kamal.InheritsLock) {
				w.Lock = "false"
				if r.Held {
					w.Lock = "true"
				}
			}
			i := slices.IndexFunc(ws, func(o World) bool {
				return o.Outer == w.Outer && o.KamalCommand == w.KamalCommand && o.Held == w.Held && o.Lock == w.Lock
			})
			if i < 0 {
				ws = append(ws, w)
				i = len(ws) - 1
			}
			ws[i].Releases = append(ws[i].Releases, v)
		}
	}
	if len(ws) > shell.MaxWorlds {
		ws = ws[:shell.MaxWorlds]
	}
	return ws
}

// shellWorlds renders worlds as the variables the walk can read.
func shellWorlds(worlds []World) []shell.World {
	out := make([]shell.World, len(worlds))
	for i, w := range worlds {
		vars := map[string]shell.Var{}
		if w.KamalCommand != "" {
			vars["KAMAL_COMMAND"] = shell.Var{Value: w.KamalCommand, Set: true}
		}
		vars["KAMAL_LOCK"] = shell.Var{Value: w.Lock, Set: w.Lock != ""}
		if w.Destinations {
			vars["KAMAL_DESTINATION"] = shell.Var{Value: w.Destination, Set: w.Destination != ""}
		}
		out[i] = shell.World{Vars: vars}
	}
	return out
}
