package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/driver"
)

// SafeKinds are the kinds of suggestion applied without asking: each only adds a guard, an
// option or an interpreter line, or normalises bytes the kernel trips over, and keeps what
// the hook does otherwise. The other kinds (split, docker, upgrade, chmod, rename) change
// how a deploy runs and carry no edits anyway.
var SafeKinds = map[string]bool{
	"guard":        true, // HL101: skip the call where the outer command holds the lock
	"destination":  true, // HL203: -d "$KAMAL_DESTINATION"
	"keep-lock":    true, // HL103: --preserve-env=KAMAL_LOCK, -e KAMAL_LOCK
	"shebang":      true, // HL004: a shebang, or bash's for bash syntax
	"line-endings": true, // HL004: CRLF to LF
	"bom":          true, // HL004: drop the byte order mark
}

// Choose returns the suggestion that fixing d applies: the first of d's suggestions that has
// edits, when its kind is one of [SafeKinds]; nil otherwise.
func Choose(d *analyzer.Diagnostic) *analyzer.Suggestion {
	for i := range d.Suggestions {
		s := &d.Suggestions[i]
		if len(s.Edits) == 0 {
			continue
		}
		if SafeKinds[s.Kind] {
			return s
		}
		return nil
	}
	return nil
}

// File is one file with the edits of its fixable findings applied.
type File struct {
	// File is the path as the report shows it (relative to the project root, or to the
	// working directory with several projects).
	File string
	// Path is where the file lives on disk, with symbolic links resolved.
	Path string
	// Old is the content that was linted; New is the fixed content.
	Old, New []byte
	// Fixed are the findings whose suggestion is applied in New.
	Fixed []analyzer.Diagnostic
	// Skipped are fixable findings left out because their edits overlap those of a finding
	// fixed before them; running the fix again picks them up.
	Skipped []analyzer.Diagnostic
}

// Failure is a file whose fix was not kept, and why.
type Failure struct {
	File   string
	Reason string
}

func (f Failure) String() string { return f.File + ": not fixed: " + f.Reason }

// Result is what [Plan] found to do.
type Result struct {
	// Files are the files that change, in the report's order.
	Files []*File
	// Failures are the files whose fixed text did not pass the check.
	Failures []Failure
}

// Fixed returns how many findings the files fix.
func (r *Result) Fixed() int {
	n := 0
	for _, f := range r.Files {
		n += len(f.Fixed)
	}
	return n
}

// Plan computes the fixed content of every file of rep that has fixable findings. opts are
// the options rep was produced with: each fixed text is linted again with them, as the hook
// it is, in its project, and kept only when it still parses as well as before and none of
// its fixed findings is reported again. Plan writes nothing. Standard input is never fixed.
func Plan(rep *driver.Report, opts driver.Options) *Result {
	res := &Result{}
	for _, pr := range rep.Projects {
		byFile := map[string][]analyzer.Diagnostic{}
		var order []string
		for _, d := range pr.Diagnostics {
			if Choose(&d) == nil {
				continue
			}
			if _, ok := byFile[d.File]; !ok {
				order = append(order, d.File)
			}
			byFile[d.File] = append(byFile[d.File], d)
		}
		for _, file := range order {
			i := slices.IndexFunc(pr.Inputs, func(in analyzer.Input) bool { return in.File == file })
			if i < 0 || pr.Inputs[i].Src != nil || pr.Inputs[i].Path == "" {
				continue // standard input, or a script the hook runs: nothing to write to
			}
			shown := joinPrefix(pr.Prefix, file)
			path, err := filepath.EvalSymlinks(pr.Inputs[i].Path)
			if err != nil {
				res.Failures = append(res.Failures, Failure{shown, err.Error()})
				continue
			}
			f := &File{File: shown, Path: path, Old: pr.Sources[file]}
			f.New, f.Fixed, f.Skipped = apply(f.Old, byFile[file])
			if len(f.Fixed) == 0 {
				continue
			}
			if reason := verify(f, pr, file, opts); reason != "" {
				res.Failures = append(res.Failures, Failure{shown, reason})
				continue
			}
			res.Files = append(res.Files, f)
		}
	}
	return res
}

// apply applies the chosen suggestion of each finding in turn, skipping a finding whose
// edits overlap (or insert at the same place as) an edit already chosen.
func apply(src []byte, diags []analyzer.Diagnostic) (out []byte, fixed, skipped []analyzer.Diagnostic) {
	var chosen []analyzer.TextEdit
	for _, d := range diags {
		s := Choose(&d)
		if slices.ContainsFunc(s.Edits, func(e analyzer.TextEdit) bool { return overlapsAny(e, chosen) }) {
			skipped = append(skipped, d)
			continue
		}
		chosen = append(chosen, s.Edits...)
		fixed = append(fixed, d)
	}
	out, err := analyzer.ApplyEdits(src, chosen)
	if err != nil {
		// A rule produced edits outside the file: fix nothing rather than guess.
		return src, nil, nil
	}
	return out, fixed, skipped
}

// overlapsAny reports whether e shares a byte with one of edits, or inserts where one of
// them starts (the order of two insertions at one place would be a guess).
func overlapsAny(e analyzer.TextEdit, edits []analyzer.TextEdit) bool {
	s1, e1 := e.Span.Start.Offset, e.Span.End.Offset
	for _, o := range edits {
		s2, e2 := o.Span.Start.Offset, o.Span.End.Offset
		if s1 == s2 || (s1 < e2 && s2 < e1) {
			return true
		}
	}
	return false
}

// verify lints f.New as the hook file of project pr, with the run's options, and says what
// is wrong with it ("" when nothing): it parses worse than before, or a fixed finding is
// still there.
func verify(f *File, pr *driver.ProjectReport, file string, opts driver.Options) string {
	check := driver.Options{
		Dir:                pr.Root,
		Paths:              []string{"-"},
		Stdin:              f.New,
		StdinFilename:      filepath.Join(pr.Root, filepath.FromSlash(file)),
		Hook:               opts.Hook,
		KamalVersion:       opts.KamalVersion,
		KamalVersionSource: opts.KamalVersionSource,
		Rules:              opts.Rules,
		RuleSeverity:       opts.RuleSeverity,
		ConfigFile:         absConfig(opts),
	}
	if check.Hook == "" {
		if i := slices.IndexFunc(pr.Inputs, func(in analyzer.Input) bool { return in.File == file }); i >= 0 && filepath.Base(file) != pr.Inputs[i].Hook {
			check.Hook = pr.Inputs[i].Hook
		}
	}
	rep, err := driver.Run(check)
	if err != nil {
		return "the fixed text could not be checked: " + err.Error()
	}
	type key struct{ rule, message string }
	count := func(ds []analyzer.Diagnostic) map[key]int {
		m := map[key]int{}
		for _, d := range ds {
			if d.File == file {
				m[key{d.Rule, d.Message}]++
			}
		}
		return m
	}
	before, after := count(pr.Diagnostics), count(rep.Diagnostics)
	parseErrors := func(m map[key]int) int {
		n := 0
		for k, c := range m {
			if k.rule == "HL001" {
				n += c
			}
		}
		return n
	}
	if parseErrors(after) > parseErrors(before) {
		return "the fixed text does not parse"
	}
	for k, n := range count(f.Fixed) {
		if after[k] > before[k]-n {
			return "the fix does not remove " + k.rule + ": " + k.message
		}
	}
	return ""
}

// absConfig is opts.ConfigFile resolved against opts.Dir, since the check runs elsewhere.
func absConfig(opts driver.Options) string {
	if opts.ConfigFile == "" || filepath.IsAbs(opts.ConfigFile) {
		return opts.ConfigFile
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return opts.ConfigFile
	}
	return filepath.Join(dir, opts.ConfigFile)
}

// Diff returns the change as a unified diff, with the file shown as a/FILE and b/FILE as
// git does, so that `git apply` or `patch -p1` in the directory the paths are relative to
// applies it.
func (f *File) Diff() []byte {
	return diff.Diff("a/"+f.File, f.Old, "b/"+f.File, f.New)
}

// ErrChanged means a file changed on disk after it was linted: it is not overwritten.
var ErrChanged = errors.New("the file changed since it was read")

// Write replaces the file on disk with f.New atomically: the new content goes to a
// temporary file in the same folder, gets the old file's mode, and is renamed over it, so
// that a reader sees the old file or the new one, never a part. A file that changed since
// it was linted is left alone ([ErrChanged]).
func (f *File) Write() error {
	info, err := os.Stat(f.Path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: %w", f.File, ErrChanged) // a FIFO would block the read
	}
	cur, err := os.ReadFile(f.Path)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, f.Old) {
		return fmt.Errorf("%s: %w", f.File, ErrChanged)
	}
	return writeAtomic(f.Path, f.New, info.Mode()&(fs.ModePerm|fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky))
}

func writeAtomic(path string, data []byte, mode fs.FileMode) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".hooklint-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// joinPrefix puts a project's display prefix before a file path relative to its root, as
// the report does.
func joinPrefix(prefix, file string) string {
	if prefix == "" || prefix == "." || file == "" {
		return file
	}
	return prefix + "/" + file
}
