package driver

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/config"
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/rules"
)

// Options says what to check and how.
type Options struct {
	// Dir is the working directory: relative paths are resolved against it, and with
	// several projects the files are shown relative to it. "" means the process's.
	Dir string
	// Paths are as on the command line: directories (project roots), files (one hook each;
	// a project file such as config/deploy.yml or Gemfile.lock stands for its project's hooks)
	// and "-" (the hook in Stdin). None means the project that contains Dir.
	Paths []string
	// Stdin is the content of the hook "-" stands for. The driver never reads standard
	// input itself.
	Stdin []byte
	// StdinFilename is the path the hook in Stdin is shown as; it also names the hook and
	// says where its project is. "" shows it as "<stdin>", in the project that contains Dir.
	StdinFilename string
	// Hook is the hook every file named in Paths, and Stdin, is run as; "" takes each
	// file's name.
	Hook string
	// KamalVersion overrides version detection in every project ("2.5.3"); "" detects it
	// per project.
	KamalVersion string
	// KamalVersionSource names where KamalVersion comes from in reports; "" means "flag".
	KamalVersionSource string
	// Rules are the rules to run; nil means [rules.All].
	Rules []*analyzer.Rule
	// RuleSeverity changes what a rule reports, keyed by rule ID ("HL203") or name
	// ("missing-destination"): "off" drops its findings (and does not run it), "error",
	// "warning" or "info" sets their severity. It is applied in one place, after the rules
	// have reported.
	RuleSeverity map[string]string
	// ConfigFile is the configuration file to use for every project (--config); "" reads
	// each project's own [config.FileName] at its root, when it has one. A rule setting in
	// RuleSeverity, KamalVersion and FailureThreshold override the file's.
	ConfigFile string
	// FailureThreshold is the lowest severity that counts in [Report.Outcome]; zero takes
	// each project's configured failure-threshold, else warning.
	FailureThreshold analyzer.Severity
	// FS, when set, is the one project to check, in memory ([project.Options.FS]): its
	// root is the project root, and nothing is read from disk. Paths, StdinFilename and
	// ConfigFile are then slash paths in FS: none or "." checks every hook of the hooks
	// folder, a file is one hook, "-" is Stdin. Dir is not used, and the report's Root is
	// [MemRoot]. The project's own .hooklint.yml is read from FS.
	FS fs.FS
	// Workers bounds how many projects, or the hooks of a single project, are analysed at
	// once; 0 means GOMAXPROCS. The report is the same whatever the number.
	Workers int
}

// Report is everything one [Run] produced.
type Report struct {
	// Root is the absolute path the files in Diagnostics, Sources and Problems are relative
	// to: the project root with one project, else the working directory.
	Root string
	// Projects are the projects checked, in the order the paths named them.
	Projects []*ProjectReport
	// Problems are every input that could not be used and every notice, in the order they
	// were met, with files as shown (prefixed by their project's [ProjectReport.Prefix]).
	// Paths that do not exist come first.
	Problems []analyzer.Problem
	// Diagnostics are the findings of every project, with files as shown, the per-rule
	// settings applied, sorted by [analyzer.SortDiagnostics].
	Diagnostics []analyzer.Diagnostic
	// Sources holds the content of every analysed file, keyed like Diagnostic.File.
	Sources map[string][]byte
}

// ProjectReport is what one project produced.
type ProjectReport struct {
	// Root is the project root, absolute.
	Root string
	// Prefix is the project's root as shown, put before its files' paths in [Report]:
	// relative to the working directory when possible ("." for the working directory
	// itself); "" when the run has a single project.
	Prefix string
	// Project is the project as loaded; it never changes.
	Project *project.Project
	// Kamal is the Kamal version the project's hooks were checked against.
	Kamal analyzer.KamalVersion
	// Config is the configuration applied to the project; nil when it has none.
	Config *config.Config
	// FailureThreshold is the lowest severity of the project's findings that counts in
	// [Report.Outcome]: [Options.FailureThreshold], else the configuration's, else warning.
	FailureThreshold analyzer.Severity
	// Inputs are the hooks analysed: those found in the hooks folder and those named.
	Inputs []analyzer.Input
	// Problems are the project's problems, files relative to Root: broken project files
	// ([analyzer.ProblemConfig]), unreadable hooks ([analyzer.ProblemInput]) and notices.
	Problems []analyzer.Problem
	// Diagnostics are the project's findings, files relative to Root, with the per-rule
	// settings applied, sorted.
	Diagnostics []analyzer.Diagnostic
	// Sources holds the content of every analysed file, keyed like Diagnostic.File.
	Sources map[string][]byte
}

// Run checks what opts names and returns the report. It returns an error only when opts is
// invalid (a usage error: an unknown hook, an invalid Kamal version or rule setting,
// standard input without a name) or a configuration file cannot be used (a
// [*config.Error], or a file that cannot be read); everything else wrong is a Problem in the
// report, and the other inputs are still checked.
func Run(opts Options) (*Report, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	ruleList := opts.Rules
	if ruleList == nil {
		ruleList = rules.All()
	}
	settings, err := newRuleSettings(ruleList, opts.RuleSeverity)
	if err != nil {
		return nil, err
	}
	wd := MemRoot
	if opts.FS == nil {
		if wd, err = filepath.Abs(opts.Dir); err != nil {
			return nil, fmt.Errorf("working directory: %w", err)
		}
	}
	var shared *config.Config
	switch {
	case opts.ConfigFile != "" && opts.FS != nil:
		if shared, err = memConfig(opts.FS, opts.ConfigFile, ruleList); err != nil {
			return nil, err
		}
	case opts.ConfigFile != "":
		if shared, err = config.Load(absPath(wd, opts.ConfigFile), ruleList); err != nil {
			return nil, renameConfigError(err, absPath(wd, opts.ConfigFile), opts.ConfigFile)
		}
	}
	var targets []*target
	var problems []analyzer.Problem
	if opts.FS != nil {
		targets, problems = memTargets(opts)
	} else {
		targets, problems = findTargets(wd, opts)
	}
	rep := &Report{
		Root:        wd,
		Problems:    problems,
		Diagnostics: []analyzer.Diagnostic{},
		Sources:     map[string][]byte{},
	}
	reports, err := runProjects(targets, opts, settings, shared, ruleList, wd)
	if err != nil {
		return nil, err
	}
	for _, pr := range reports {
		rep.add(pr)
	}
	if len(rep.Projects) == 1 {
		rep.Root = rep.Projects[0].Root
	}
	rep.Diagnostics = analyzer.SortDiagnostics(rep.Diagnostics)
	return rep, nil
}

// check refuses options no run can honour.
func (o *Options) check() error {
	if o.KamalVersion != "" {
		if _, err := kamal.ParseVersion(o.KamalVersion); err != nil {
			return fmt.Errorf("kamal version: %w", err)
		}
	}
	if o.Hook != "" && kamal.FindHook(o.Hook) == nil {
		return fmt.Errorf("hook: Kamal runs no hook named %q", o.Hook)
	}
	stdin := slices.Contains(o.Paths, "-")
	if o.StdinFilename != "" && !stdin {
		return errors.New("a standard input file name needs - among the paths")
	}
	if stdin && o.StdinFilename == "" && o.Hook == "" {
		return errors.New("reading a hook from standard input needs a file name or a hook name to say which hook it is")
	}
	return nil
}

// runProjects checks every target, GOMAXPROCS projects at a time, and returns their reports
// in the targets' order: the report does not depend on scheduling. With several projects
// each one's hooks are analysed one after the other, as the projects already keep every
// core busy; a single project analyses its hooks in parallel, on the calling goroutine
// and others.
//
// The targets' configurations are read first, in order: the first that cannot be used
// stops the run before any project is checked, as a usage error should.
func runProjects(targets []*target, opts Options, settings *ruleSettings, shared *config.Config, ruleList []*analyzer.Rule, wd string) ([]*ProjectReport, error) {
	cfgs := make([]*config.Config, len(targets))
	for i, t := range targets {
		var err error
		switch {
		case shared != nil:
			cfgs[i] = shared
		case opts.FS != nil:
			cfgs[i], err = memConfig(opts.FS, "", ruleList)
		default:
			cfgs[i], err = loadProjectConfig(wd, t.root, ruleList)
		}
		if err != nil {
			return nil, err
		}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	run := projectRun{hookWorkers: workers, git: analyzer.NewGitIndexes()}
	if len(targets) > 1 {
		run.hookWorkers = 1
	}
	reports := make([]*ProjectReport, len(targets))
	errs := make([]error, len(targets))
	check := func(i int) { reports[i], errs[i] = runProject(targets[i], opts, settings, cfgs[i], run) }
	if workers = min(workers, len(targets)); workers <= 1 {
		for i := range targets {
			check(i)
		}
	} else {
		var next atomic.Int64 // the targets are handed out in order
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for i := int(next.Add(1) - 1); i < len(targets); i = int(next.Add(1) - 1) {
					check(i)
				}
			})
		}
		wg.Wait()
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return reports, nil
}

// projectRun is how one project is checked among the others of a run.
type projectRun struct {
	hookWorkers int                  // [analyzer.Linter.Workers]
	git         *analyzer.GitIndexes // shared by the run's projects
}

// runProject loads one project, lists its hooks and runs the rules over them, with its
// configuration (nil for none) under the options.
func runProject(t *target, opts Options, settings *ruleSettings, cfg *config.Config, run projectRun) (*ProjectReport, error) {
	popts := project.Options{KamalVersion: opts.KamalVersion, KamalVersionSource: opts.KamalVersionSource, FS: opts.FS}
	threshold := opts.FailureThreshold
	if cfg != nil {
		if popts.KamalVersion == "" && cfg.KamalVersion != "" {
			popts.KamalVersion, popts.KamalVersionSource = cfg.KamalVersion, config.FileName
		}
		popts.HooksPath = cfg.HooksPath
		settings = settings.under(cfg.Rules)
		threshold = cmp.Or(threshold, cfg.FailureThreshold)
	}
	proj, err := project.Load(t.root, popts)
	if err != nil {
		return nil, err // only an invalid version, which check and the config have refused
	}
	pr := &ProjectReport{Root: proj.Root, Prefix: t.prefix, Project: proj, Inputs: t.inputs, Config: cfg,
		FailureThreshold: cmp.Or(threshold, analyzer.SeverityWarning)}
	for _, in := range t.inputs {
		// In the hooks folder, HL003 reports a file Kamal never runs; elsewhere nothing runs
		// it by name, and the hook it stands for is unknown.
		if kamal.FindHook(in.Hook) == nil && path.Dir(in.File) != path.Clean(proj.HooksPath) {
			shown := in.Given
			if shown == "" {
				shown = in.File
			}
			pr.Problems = append(pr.Problems, analyzer.Problem{Kind: analyzer.ProblemNotice, File: shown,
				Message: fmt.Sprintf("Kamal runs no hook named %q, so no outer command is assumed; name it with --hook", in.Hook)})
		}
	}
	if t.discover {
		found, probs := analyzer.DiscoverHooks(proj)
		found = slices.DeleteFunc(found, func(in analyzer.Input) bool { return cfg.Ignored(in.File) })
		pr.Problems = append(pr.Problems, probs...)
		if len(found) == 0 && len(probs) == 0 {
			pr.Problems = append(pr.Problems, analyzer.Problem{Kind: analyzer.ProblemNotice,
				Message: "no hooks in " + joinPrefix(t.prefix, proj.HooksPath) + ": nothing to check"})
		}
		pr.Inputs = mergeInputs(found, t.inputs)
	}
	linter := analyzer.NewLinter(proj, settings.enabled())
	linter.Known = settings.rules // a directive may name a rule that is set off
	linter.Workers, linter.GitIndexes = run.hookWorkers, run.git
	res := linter.Run(pr.Inputs)
	pr.Kamal = res.Kamal
	pr.Problems = append(pr.Problems, res.Problems...)
	pr.Diagnostics = settings.apply(res.Diagnostics)
	pr.Sources = res.Sources
	return pr, nil
}

// add merges one project's results into the report, with files as shown.
func (r *Report) add(pr *ProjectReport) {
	r.Projects = append(r.Projects, pr)
	for _, p := range pr.Problems {
		p.File = joinPrefix(pr.Prefix, p.File)
		r.Problems = append(r.Problems, p)
	}
	for _, d := range pr.Diagnostics {
		d.File = joinPrefix(pr.Prefix, d.File)
		r.Diagnostics = append(r.Diagnostics, d)
	}
	for f, src := range pr.Sources {
		r.Sources[joinPrefix(pr.Prefix, f)] = src
	}
}

// Result returns the report as the formatters take it: the merged findings and sources,
// the first project's Kamal version, and every project's.
func (r *Report) Result() *analyzer.Result {
	res := &analyzer.Result{
		Root:        r.Root,
		Diagnostics: r.Diagnostics,
		Sources:     r.Sources,
		Problems:    r.Problems,
	}
	for i, pr := range r.Projects {
		if i == 0 {
			res.Kamal = pr.Kamal
		}
		res.Projects = append(res.Projects, analyzer.ProjectInfo{Root: pr.Prefix, Kamal: pr.Kamal})
	}
	return res
}

// Outcome is the most serious thing a report holds, for an exit status. Outcomes are
// ordered: a larger one is more serious.
type Outcome int

// The outcomes, from least to most serious.
const (
	// Clean means no finding at or above the threshold, and no problem but notices.
	Clean Outcome = iota
	// Findings means a finding at or above the threshold.
	Findings
	// ConfigProblem means a broken project file (deploy.yml, a destination file,
	// Gemfile.lock); the hooks were still checked, with fewer facts.
	ConfigProblem
	// InputProblem means an input that could not be read (a missing path, an unreadable or
	// binary hook), or one the tool failed on.
	InputProblem
)

// Outcome returns the most serious outcome of the report, counting findings of severity
// threshold or above; a zero threshold counts each project's findings at or above its
// [ProjectReport.FailureThreshold]. Notices never count.
func (r *Report) Outcome(threshold analyzer.Severity) Outcome {
	out := Clean
	for _, pr := range r.Projects {
		t := cmp.Or(threshold, pr.FailureThreshold, analyzer.SeverityWarning)
		if slices.ContainsFunc(pr.Diagnostics, func(d analyzer.Diagnostic) bool { return d.Severity >= t }) {
			out = Findings
		}
	}
	for _, p := range r.Problems {
		switch p.Kind {
		case analyzer.ProblemConfig:
			out = max(out, ConfigProblem)
		case analyzer.ProblemInput:
			out = max(out, InputProblem)
		}
	}
	return out
}

// joinPrefix puts a project's display prefix before a file path relative to its root.
func joinPrefix(prefix, file string) string {
	if prefix == "" || prefix == "." || file == "" {
		return file
	}
	return prefix + "/" + file
}
