package project

import (
	"cmp"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/hooklint/hooklint/analyzer/kamal"
)

// DefaultHooksPath is where Kamal looks for hooks unless `hooks_path` says otherwise
// (lock-model.md §6.1).
const DefaultHooksPath = ".kamal/hooks"

const deployFile = "config/deploy.yml"

// Options tune [Load].
type Options struct {
	// KamalVersion is the --kamal-version flag; "" means detect it.
	KamalVersion string
	// KamalVersionSource is reported as [VersionInfo.Source] for KamalVersion; "" means
	// "flag". Set it when the version comes from elsewhere, such as .hooklint.yml.
	KamalVersionSource string
	// HooksPath is the hooks folder when deploy.yml gives none, or computes it with ERB
	// (from .hooklint.yml's hooks-path); "" means ".kamal/hooks". Relative to the root.
	HooksPath string
	// FS, when set, holds the project's files: Load reads them from FS, whose root is the
	// project root ("config/deploy.yml", "Gemfile.lock", ".kamal/hooks/post-deploy"), and
	// never from disk, and so do the linter and the driver for this project. The root
	// given to Load is then only the name [Project.Root] shows. A testing/fstest.MapFS
	// holds a project in memory, as the WebAssembly playground does.
	FS fs.FS
}

// Problem is something wrong with a project file. It never stops loading.
type Problem struct {
	File    string // slash path relative to [Project.Root]
	Line    int    // 1-based; 0 when unknown or about the whole file
	Message string // lower-case start, says what is wrong
}

// String renders p as "file:line: message" (the line left out when unknown).
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return p.File + ": " + p.Message
}

// VersionInfo says which Kamal version the project runs and how that is known.
type VersionInfo struct {
	Version kamal.Version // zero when unknown
	Source  string        // "flag" (or Options.KamalVersionSource), "Gemfile.lock", "minimum_version", "" when unknown
	Floor   bool          // Version is only a lower bound (from minimum_version)
}

// Known reports whether the exact version is known: set, and not only a lower bound.
func (v VersionInfo) Known() bool { return !v.Version.IsZero() && !v.Floor }

// Project is a Kamal project as read from disk, or from [Options.FS].
type Project struct {
	Root         string   // absolute
	Config       *Config  // config/deploy.yml; nil if missing or unparseable
	Destinations []string // names DEST of config/deploy.DEST.yml files, sorted
	// HooksPath is the hooks folder, a slash path relative to Root: `hooks_path` from
	// deploy.yml, else [Options.HooksPath] or ".kamal/hooks" (also when hooks_path is
	// computed by ERB, with a Problem).
	HooksPath string
	Kamal     VersionInfo
	// Problems are the files that could not be read, or parts of them: every one is known
	// when [Load] returns, destination files included.
	Problems []Problem

	// files is where the project's files are read from: the disk or Options.FS.
	files files
	// dests holds the merged config of each destination that has one; see [Project.ConfigFor].
	dests map[string]*Config
	// secretNames reads the secrets' names on first use; see [Project.SecretNames].
	secretNames func() []string
	// hooks and hooksErr are the listing of the hooks folder; see [Project.HooksFolder].
	hooks    []fs.DirEntry
	hooksErr error
}

// Load reads root/config/deploy.yml, every root/config/deploy.<dest>.yml (each merged over
// deploy.yml as [Project.ConfigFor] returns it), root/Gemfile.lock and the listing of the
// hooks folder, all up front: the Project it returns is complete and never changes
// afterwards (only [Project.SecretNames] is read when first asked for, once), so it is safe
// for concurrent use. It returns an error only for an invalid opts.KamalVersion (a usage error). Broken
// files become Problems naming the file and line, and loading goes on.
func Load(root string, opts Options) (*Project, error) {
	var flag *kamal.Version
	if opts.KamalVersion != "" {
		v, err := kamal.ParseVersion(opts.KamalVersion)
		if err != nil {
			return nil, fmt.Errorf("kamal version: %w", err)
		}
		flag = &v
	}
	var fl files = diskFiles{}
	abs := filepath.Clean(root)
	if opts.FS != nil {
		fl = fsFiles{opts.FS}
	} else if a, err := filepath.Abs(root); err == nil {
		abs = a
	}
	p := &Project{Root: abs, HooksPath: DefaultHooksPath, files: fl, dests: map[string]*Config{}}
	base, ps := p.loadYAML(deployFile)
	p.addProblems(ps)
	if base != nil {
		cfg, ps := decodeConfig(base, []string{deployFile})
		p.Config = cfg
		p.addProblems(ps)
	}
	p.Destinations = p.findDestinations()
	p.secretNames = sync.OnceValue(p.readSecretNames)
	for _, dest := range p.Destinations {
		p.loadDestination(base, dest)
	}
	if opts.HooksPath != "" {
		p.HooksPath = relHooksPath(abs, opts.HooksPath)
	}
	p.setHooksPath()
	p.hooks, p.hooksErr = p.ReadDir(p.Path(p.HooksPath))
	p.detectVersion(flag, cmp.Or(opts.KamalVersionSource, "flag"))
	return p, nil
}

// SecretNames returns the variables the project's secrets and dotenv files assign
// (.kamal/secrets*, .env*), sorted: hooks may see them in their environment. They are read
// on first use, once, as few hooks read a variable that only they could explain; it is
// safe for concurrent use.
func (p *Project) SecretNames() []string { return p.secretNames() }

// HooksFolder returns the files of the hooks folder, sorted by name, as [Load] listed them:
// discovery and the rules that look for a hook's siblings share one listing. The error is
// the one listing it gave (it matches fs.ErrNotExist when there is no such folder).
func (p *Project) HooksFolder() ([]fs.DirEntry, error) { return p.hooks, p.hooksErr }

// ConfigFor returns the config Kamal's `-d dest` loads: the base config deep-merged with
// config/deploy.<dest>.yml (the destination wins, mappings merge recursively, other values
// are replaced), as [Load] read it. dest "" returns Config; nil when there is no base config.
// A missing, invalid or broken destination file yields the base config (Load has reported a
// broken one in Problems). It only looks up what Load computed.
func (p *Project) ConfigFor(dest string) *Config {
	if c, ok := p.dests[dest]; ok && dest != "" {
		return c
	}
	return p.Config
}

// loadDestination reads config/deploy.<dest>.yml and records its merge over base, the
// top-level mapping of deploy.yml. Without a usable base Kamal cannot load the destination
// at all; its file is still read and checked on its own, so that its problems are known.
func (p *Project) loadDestination(base *tnode, dest string) {
	rel := "config/deploy." + dest + ".yml"
	t, ps := p.loadYAML(rel)
	p.addProblems(ps)
	if t == nil {
		return
	}
	if base == nil {
		_, ps := decodeConfig(t, []string{rel})
		p.addProblems(ps)
		return
	}
	merged, ps := decodeConfig(deepMerge(base, t), []string{deployFile, rel})
	p.addProblems(ps) // problems of the base file are already there, and are dropped
	p.dests[dest] = merged
}

// validDestination refuses names that would make config/deploy.<dest>.yml leave config/.
func validDestination(dest string) bool {
	return dest != "." && dest != ".." && !strings.ContainsAny(dest, "/\\\x00")
}

// addProblems appends ps, skipping any already reported. Only Load calls it.
func (p *Project) addProblems(ps []Problem) {
	for _, q := range ps {
		if !slices.Contains(p.Problems, q) {
			p.Problems = append(p.Problems, q)
		}
	}
}

// loadYAML reads and parses one config file into its top-level mapping; nil when it is
// missing or cannot be used.
func (p *Project) loadYAML(rel string) (*tnode, []Problem) {
	src, exists, prob := p.read(rel)
	if prob != nil {
		return nil, []Problem{*prob}
	}
	if !exists {
		return nil, nil
	}
	return parseConfig(rel, src)
}

// parseConfig ERB-neutralises and parses the contents of config file rel.
func parseConfig(rel string, src []byte) (*tnode, []Problem) {
	var ps []Problem
	stem := pickStem(src)
	r := neutralise(src, stem, false)
	if r.unterminated > 0 {
		ps = append(ps, Problem{File: rel, Line: r.unterminated, Message: "unterminated ERB tag (missing %>)"})
	}
	resub := newResubstituter(stem, r.tags)
	t, yps := parseYAML(rel, r.out, resub)
	if t == nil && r.lineTags {
		// An ERB tag alone on a line (`<%= extra %>` among keys) breaks YAML as a bare
		// placeholder; try again with such tags as comments.
		r2 := neutralise(src, stem, true)
		if t2, yps2 := parseYAML(rel, r2.out, resub); t2 != nil {
			t, yps = t2, yps2
		}
	}
	ps = append(ps, yps...)
	switch {
	case t == nil:
		return nil, ps
	case t.kind == kindNull:
		return newMap(1, rel), ps // an empty file sets nothing
	case t.dynamic():
		return nil, append(ps, Problem{File: rel, Line: t.val.Line,
			Message: "the whole file is produced by ERB; its settings are unknown"})
	case t.kind != kindMap:
		return nil, append(ps, Problem{File: rel, Line: t.val.Line,
			Message: "the top level must be a map of settings"})
	}
	return t, ps
}

// findDestinations lists DEST of the config/deploy.DEST.yml files, sorted.
func (p *Project) findDestinations() []string {
	entries, err := p.ReadDir(p.Path("config"))
	if err != nil {
		return nil
	}
	var dests []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name, ok := strings.CutPrefix(e.Name(), "deploy.")
		if !ok {
			continue
		}
		if dest, ok := strings.CutSuffix(name, ".yml"); ok && dest != "" && validDestination(dest) {
			dests = append(dests, dest)
		}
	}
	slices.Sort(dests)
	return dests
}

// setHooksPath applies `hooks_path`, which Kamal resolves against its working directory, the
// project root (lock-model.md §6.1).
func (p *Project) setHooksPath() {
	if p.Config == nil || p.Config.HooksPath.Text == "" {
		return
	}
	hp := p.Config.HooksPath
	if hp.Dynamic {
		p.addProblems([]Problem{{File: deployFile, Line: hp.Line,
			Message: fmt.Sprintf("hooks_path is computed by ERB (%s); assuming %s", hp.Text, p.HooksPath)}})
		return
	}
	p.HooksPath = relHooksPath(p.Root, hp.Text)
}

// relHooksPath makes a hooks folder a slash path relative to root when it lies inside it.
func relHooksPath(root, hooksPath string) string {
	dir := filepath.Clean(filepath.FromSlash(hooksPath))
	if filepath.IsAbs(dir) {
		if rel, err := filepath.Rel(root, dir); err == nil {
			dir = rel
		}
	}
	return filepath.ToSlash(dir)
}

// detectVersion fills p.Kamal: the flag, else Gemfile.lock, else minimum_version as a floor.
// An invalid minimum_version is reported even when another source wins: Kamal fails on it.
func (p *Project) detectVersion(flag *kamal.Version, flagSource string) {
	var floor kamal.Version
	if p.Config != nil && p.Config.MinimumVersion.Text != "" && !p.Config.MinimumVersion.Dynamic {
		mv := p.Config.MinimumVersion
		if v, err := kamal.ParseVersion(mv.Text); err != nil {
			p.addProblems([]Problem{{File: deployFile, Line: mv.Line,
				Message: fmt.Sprintf("minimum_version: invalid version %q", mv.Text)}})
		} else {
			floor = v
		}
	}
	if flag != nil {
		p.Kamal = VersionInfo{Version: *flag, Source: flagSource}
		return
	}
	if v, ok := p.gemfileVersion(); ok {
		p.Kamal = VersionInfo{Version: v, Source: "Gemfile.lock"}
		return
	}
	if !floor.IsZero() {
		p.Kamal = VersionInfo{Version: floor, Source: "minimum_version", Floor: true}
	}
}

func (p *Project) gemfileVersion() (kamal.Version, bool) {
	const name = "Gemfile.lock"
	src, exists, prob := p.read(name)
	if prob != nil {
		p.addProblems([]Problem{*prob})
	}
	if !exists || prob != nil {
		return kamal.Version{}, false
	}
	text, line, ok := gemfileKamalSpec(src)
	if !ok {
		return kamal.Version{}, false
	}
	v, err := kamal.ParseVersion(text)
	if err != nil {
		p.addProblems([]Problem{{File: name, Line: line, Message: fmt.Sprintf("kamal spec: invalid version %q", text)}})
		return kamal.Version{}, false
	}
	return v, true
}
