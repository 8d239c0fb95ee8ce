package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hooklint/hooklint/analyzer"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var testRules = []*analyzer.Rule{
	{ID: "HL003", Name: "unknown-hook-name", Severity: analyzer.SeverityWarning,
		Summary: "A file in the hooks folder that Kamal never runs",
		Doc:     "Kamal runs hooks by exact name."},
	{ID: "HL101", Name: "lock-conflict", Severity: analyzer.SeverityError,
		Summary: "A nested kamal command that takes the deploy lock",
		Doc:     "The outer command holds the deploy lock while the hook runs.",
		Bad:     "#!/bin/sh\nkamal accessory reboot db\n",
		Good:    "#!/bin/sh\n[ \"$KAMAL_COMMAND\" = setup ] || kamal accessory reboot db"},
	{ID: "HL102", Name: "lock-command", Severity: analyzer.SeverityError,
		Summary: "kamal lock acquire or release in a hook"},
	{ID: "HL203", Name: "missing-destination", Severity: analyzer.SeverityWarning,
		Summary: "A nested call without -d in a project with destinations",
		Doc:     "Without -d the nested call loads the wrong config."},
}

func pos(off, line, col int) analyzer.Position {
	return analyzer.Position{Offset: off, Line: line, Column: col}
}

// sampleResult has diagnostics in three files: one with a multi-byte character before the
// span and suggestions (with and without edits), one after a tab with none, one spanning
// two lines, and one in a file whose source is missing.
func sampleResult() *analyzer.Result {
	postDeploy := "#!/bin/sh\n" +
		"echo \"déployé\" && kamal accessory reboot db\n" +
		"if true; then\n" +
		"\tkamal lock release\r\n" +
		"fi\n"
	preDeploy := "#!/bin/bash\n" +
		"kamal app exec \\\n" +
		"  'bin/rails db:migrate'\n"
	return &analyzer.Result{
		Root:  "/home/dev/my app",
		Kamal: analyzer.KamalVersion{Version: "2.5.3", Source: "Gemfile.lock"},
		Sources: map[string][]byte{
			".kamal/hooks/post-deploy": []byte(postDeploy),
			".kamal/hooks/pre-deploy":  []byte(preDeploy),
		},
		Diagnostics: []analyzer.Diagnostic{
			{
				File: ".kamal/hooks/post-deploy", Hook: "post-deploy",
				Span: analyzer.Span{Start: pos(30, 2, 21), End: pos(55, 2, 46)},
				Rule: "HL101", Name: "lock-conflict", Severity: analyzer.SeverityError,
				Message: "`kamal accessory reboot db` takes the deploy lock, which `kamal setup` holds: it fails with `Deploy lock found`",
				URL:     testRules[1].URL(),
				Related: []analyzer.Related{{File: "script/reboot.sh", Span: analyzer.Span{Start: pos(10, 2, 1), End: pos(35, 2, 26)},
					Message: "`kamal accessory reboot db` runs here"}},
				Suggestions: []analyzer.Suggestion{
					{Kind: "split", Message: "run it as its own step after the outer command:\nkamal setup && kamal accessory reboot db"},
					{Kind: "guard", Message: "skip it where the lock is held", Edits: []analyzer.TextEdit{{
						Span:    analyzer.Span{Start: pos(30, 2, 21), End: pos(30, 2, 21)},
						NewText: "[ \"$KAMAL_COMMAND\" = setup ] || ",
					}}},
				},
			},
			{
				File: ".kamal/hooks/post-deploy", Hook: "post-deploy",
				Span: analyzer.Span{Start: pos(71, 4, 2), End: pos(89, 4, 20)},
				Rule: "HL102", Name: "lock-command", Severity: analyzer.SeverityWarning,
				Message: "`kamal lock release` releases the lock the outer command holds",
				URL:     testRules[2].URL(),
			},
			{
				File: ".kamal/hooks/pre-build.sh",
				Span: analyzer.Span{Start: pos(0, 1, 1), End: pos(0, 1, 1)},
				Rule: "HL003", Name: "unknown-hook-name", Severity: analyzer.SeverityWarning,
				Message: "Kamal never runs `pre-build.sh`; did you mean `pre-build`?",
				URL:     testRules[0].URL(),
			},
			{
				File: ".kamal/hooks/pre-deploy", Hook: "pre-deploy",
				Span: analyzer.Span{Start: pos(12, 2, 1), End: pos(53, 3, 25)},
				Rule: "HL203", Name: "missing-destination", Severity: analyzer.SeverityInfo,
				Message: "`kamal app exec` without -d loads the default config",
				URL:     testRules[3].URL(),
				Suggestions: []analyzer.Suggestion{{Kind: "destination", Message: "pass the destination", Edits: []analyzer.TextEdit{{
					Span:    analyzer.Span{Start: pos(26, 2, 15), End: pos(26, 2, 15)},
					NewText: " -d \"$KAMAL_DESTINATION\"",
				}}}},
			},
		},
	}
}

func render(t *testing.T, format string, res *analyzer.Result, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, res, testRules, opts); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

func TestGolden(t *testing.T) {
	for _, format := range Names {
		t.Run(format, func(t *testing.T) {
			golden(t, format+".golden", render(t, format, sampleResult(), Options{}))
			golden(t, format+"_empty.golden", render(t, format, &analyzer.Result{}, Options{}))
		})
	}
	t.Run("json_projects", func(t *testing.T) {
		golden(t, "json_projects.golden", render(t, "json", projectsResult(), Options{}))
	})
	t.Run("text_color", func(t *testing.T) {
		golden(t, "text_color.golden", render(t, "text", sampleResult(), Options{Color: true}))
	})
}

// projectsResult is a run over two projects on different Kamal versions, one finding each.
func projectsResult() *analyzer.Result {
	old := analyzer.KamalVersion{Version: "2.5.3", Source: "Gemfile.lock"}
	floor := analyzer.KamalVersion{Version: "2.6.0", Source: "minimum_version", Floor: true}
	diag := func(file string, sev analyzer.Severity, msg string) analyzer.Diagnostic {
		return analyzer.Diagnostic{File: file, Hook: "post-deploy", Rule: "HL101", Name: "lock-conflict",
			Severity: sev, Message: msg, URL: testRules[1].URL(),
			Span: analyzer.Span{Start: pos(10, 2, 1), End: pos(35, 2, 26)}}
	}
	return &analyzer.Result{
		Root:     "/home/dev",
		Kamal:    old,
		Projects: []analyzer.ProjectInfo{{Root: "billing", Kamal: old}, {Root: "shop", Kamal: floor}},
		Diagnostics: []analyzer.Diagnostic{
			diag("billing/.kamal/hooks/post-deploy", analyzer.SeverityError, "takes the deploy lock (Kamal 2.5.3)"),
			diag("shop/.kamal/hooks/post-deploy", analyzer.SeverityWarning, "takes the deploy lock (fails on Kamal < 2.6.0)"),
		},
	}
}

// TestJSONProjects checks that "projects" appears only when a run has several projects.
func TestJSONProjects(t *testing.T) {
	one := projectsResult()
	one.Projects = one.Projects[:1]
	if out := render(t, "json", one, Options{}); strings.Contains(out, `"projects"`) {
		t.Errorf("one project listed:\n%s", out)
	}
	var got struct {
		Kamal    struct{ Version string } `json:"kamal"`
		Projects []struct {
			Root  string `json:"root"`
			Kamal struct {
				Version, Source string
				Floor           bool
			} `json:"kamal"`
		} `json:"projects"`
	}
	if err := json.Unmarshal([]byte(render(t, "json", projectsResult(), Options{})), &got); err != nil {
		t.Fatal(err)
	}
	if got.Kamal.Version != "2.5.3" || len(got.Projects) != 2 || got.Projects[1].Root != "shop" ||
		got.Projects[1].Kamal.Version != "2.6.0" || !got.Projects[1].Kamal.Floor {
		t.Errorf("got %+v", got)
	}
}

func TestColor(t *testing.T) {
	for _, format := range Names {
		if out := render(t, format, sampleResult(), Options{}); strings.Contains(out, "\x1b") {
			t.Errorf("%s without Color has an escape code:\n%s", format, out)
		}
	}
	out := render(t, "text", sampleResult(), Options{Color: true})
	for _, want := range []string{ansiRed + "error", ansiYellow + "warning", ansiCyan + "info", ansiGrey + "[HL101]", ansiGreen + "^", ansiBold + ".kamal/hooks/post-deploy:2:21:"} {
		if !strings.Contains(out, want) {
			t.Errorf("coloured text lacks %q", want)
		}
	}
}

func TestEmpty(t *testing.T) {
	if out := render(t, "json", &analyzer.Result{}, Options{}); !strings.Contains(out, `"diagnostics": []`) || !strings.Contains(out, `"version": ""`) {
		t.Errorf("empty json:\n%s", out)
	}
	if out := render(t, "sarif", &analyzer.Result{}, Options{}); !strings.Contains(out, `"results": []`) {
		t.Errorf("empty sarif:\n%s", out)
	}
	for _, f := range []string{"text", "github", "gcc"} {
		if out := render(t, f, nil, Options{}); out != "" {
			t.Errorf("empty %s: %q", f, out)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(new(bytes.Buffer), "xml", &analyzer.Result{}, nil, Options{}); err == nil {
		t.Error("Write(xml) succeeded")
	}
}

func TestTextMarker(t *testing.T) {
	tests := []struct {
		name, src string
		span      analyzer.Span
		want      string
	}{
		{"tab", "a\n\t\tkamal deploy\n", analyzer.Span{Start: pos(4, 2, 3), End: pos(9, 2, 8)},
			"  2 | \t\tkamal deploy\n    | \t\t^~~~~\n"},
		{"crlf", "kamal deploy\r\n", analyzer.Span{Start: pos(6, 1, 7), End: pos(12, 1, 13)},
			"  1 | kamal deploy\n    |       ^~~~~~\n"},
		{"multiline", "x=1; kamal \\\n  deploy\n", analyzer.Span{Start: pos(5, 1, 6), End: pos(21, 2, 9)},
			"  1 | x=1; kamal \\\n    |      ^~~~~~~\n"},
		{"multibyte", "é kamal\n", analyzer.Span{Start: pos(3, 1, 4), End: pos(8, 1, 9)},
			"  1 | é kamal\n    |   ^~~~~\n"},
		{"empty span", "kamal\n", analyzer.Span{Start: pos(5, 1, 6), End: pos(5, 1, 6)},
			"  1 | kamal\n    |      ^\n"},
		{"out of range", "kamal\n", analyzer.Span{Start: pos(0, 3, 1), End: pos(0, 3, 2)}, ""},
		{"wide gutter", strings.Repeat("\n", 11) + "kamal\n", analyzer.Span{Start: pos(11, 12, 1), End: pos(16, 12, 6)},
			"  12 | kamal\n     | ^~~~~\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := &analyzer.Result{
				Sources:     map[string][]byte{"h": []byte(tt.src)},
				Diagnostics: []analyzer.Diagnostic{{File: "h", Span: tt.span, Rule: "HL101", Message: "m"}},
			}
			out := render(t, "text", res, Options{})
			head, body, _ := strings.Cut(out, "\n")
			if want := "h:" + itoa(tt.span.Start.Line) + ":" + itoa(tt.span.Start.Column) + ": error: m [HL101]"; head != want {
				t.Errorf("header %q, want %q", head, want)
			}
			if body != tt.want {
				t.Errorf("got\n%q\nwant\n%q", body, tt.want)
			}
		})
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestGitHubEscaping(t *testing.T) {
	res := &analyzer.Result{Diagnostics: []analyzer.Diagnostic{{
		File: "hooks/a,b:c%d",
		Span: analyzer.Span{Start: pos(0, 1, 1), End: pos(3, 1, 4)},
		Rule: "HL301", Name: "x,y:z",
		Severity: analyzer.SeverityInfo,
		Message:  "100% sure: a, b\r\nnext",
	}}}
	got := render(t, "github", res, Options{})
	want := "::notice file=hooks/a%2Cb%3Ac%25d,line=1,col=1,endLine=1,endColumn=4,title=HL301 x%2Cy%3Az::100%25 sure: a, b%0D%0Anext\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestGCCOneLine(t *testing.T) {
	res := &analyzer.Result{Diagnostics: []analyzer.Diagnostic{{
		File: "h", Span: analyzer.Span{Start: pos(0, 1, 1)}, Rule: "HL001",
		Severity: analyzer.SeverityInfo, Message: "a\nb\r\nc",
	}}}
	if got, want := render(t, "gcc", res, Options{}), "h:1:1: note: a b c [HL001]\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	res := sampleResult()
	res.Kamal = analyzer.KamalVersion{Version: "2.6.0", Source: "minimum_version", Floor: true}
	var got struct {
		Version int `json:"version"`
		Kamal   struct {
			Version string `json:"version"`
			Source  string `json:"source"`
			Floor   bool   `json:"floor"`
		} `json:"kamal"`
		Diagnostics []struct {
			File, Hook, Rule, Name, Severity, Message, URL string
			Line, Column, EndLine, EndColumn               int
			Suggestions                                    []struct {
				Kind, Message string
				Edits         []struct {
					Line, Column, EndLine, EndColumn int
					NewText                          string
				}
			}
		} `json:"diagnostics"`
	}
	out := render(t, "json", res, Options{})
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != 1 || got.Kamal.Version != "2.6.0" || got.Kamal.Source != "minimum_version" || !got.Kamal.Floor {
		t.Errorf("header: %+v", got)
	}
	if len(got.Diagnostics) != len(res.Diagnostics) {
		t.Fatalf("%d diagnostics, want %d", len(got.Diagnostics), len(res.Diagnostics))
	}
	for i, d := range res.Diagnostics {
		g := got.Diagnostics[i]
		if g.File != d.File || g.Hook != d.Hook || g.Rule != d.Rule || g.Name != d.Name ||
			g.Severity != d.Severity.String() || g.Message != d.Message || g.URL != d.URL ||
			g.Line != d.Span.Start.Line || g.Column != d.Span.Start.Column ||
			g.EndLine != d.Span.End.Line || g.EndColumn != d.Span.End.Column {
			t.Errorf("diagnostic %d: got %+v, want %+v", i, g, d)
		}
		if g.Suggestions == nil || len(g.Suggestions) != len(d.Suggestions) {
			t.Fatalf("diagnostic %d: suggestions %+v", i, g.Suggestions)
		}
		for j, s := range d.Suggestions {
			gs := got.Diagnostics[i].Suggestions[j]
			if gs.Kind != s.Kind || gs.Message != s.Message || gs.Edits == nil || len(gs.Edits) != len(s.Edits) {
				t.Fatalf("suggestion %d.%d: got %+v, want %+v", i, j, gs, s)
			}
			for k, e := range s.Edits {
				ge := gs.Edits[k]
				if ge.Line != e.Span.Start.Line || ge.Column != e.Span.Start.Column ||
					ge.EndLine != e.Span.End.Line || ge.EndColumn != e.Span.End.Column || ge.NewText != e.NewText {
					t.Errorf("edit %d.%d.%d: got %+v, want %+v", i, j, k, ge, e)
				}
			}
		}
	}
	if !strings.Contains(out, `"floor": true`) || strings.Contains(render(t, "json", sampleResult(), Options{}), "floor") {
		t.Error(`"floor" should appear only when Kamal.Floor is set`)
	}
	if strings.Contains(out, `\u0026`) {
		t.Error("json output escapes HTML characters")
	}
}

func TestSARIF(t *testing.T) {
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct {
						ID   string `json:"id"`
						Help struct{ Text, Markdown string }
					}
				}
			}
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			ColumnKind         string                          `json:"columnKind"`
			Results            []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex *int   `json:"ruleIndex"`
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						}
						Region struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
				Fixes []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion   struct{ StartLine, StartColumn, EndLine, EndColumn int }
							InsertedContent struct{ Text string }
						}
					}
				}
				PartialFingerprints any `json:"partialFingerprints"`
			}
		}
	}
	if err := json.Unmarshal([]byte(render(t, "sarif", sampleResult(), Options{})), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("log: %+v", log)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "hooklint" || run.Tool.Driver.Version != analyzer.Version || len(run.Tool.Driver.Rules) != len(testRules) {
		t.Errorf("driver: %+v", run.Tool.Driver)
	}
	if h := run.Tool.Driver.Rules[1].Help; !strings.Contains(h.Text, "kamal accessory reboot db") || !strings.Contains(h.Markdown, "```") {
		t.Errorf("help: %+v", h)
	}
	if got := run.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///home/dev/my%20app/" {
		t.Errorf("%%SRCROOT%% = %q", got)
	}
	if len(run.Results) != 4 {
		t.Fatalf("%d results", len(run.Results))
	}
	r := run.Results[0]
	if r.RuleID != "HL101" || r.RuleIndex == nil || *r.RuleIndex != 1 || r.Level != "error" || r.PartialFingerprints != nil {
		t.Errorf("result 0: %+v", r)
	}
	// "déployé" has two 2-byte characters before the span: byte column 21 is UTF-16 column 19.
	reg := r.Locations[0].PhysicalLocation.Region
	if reg.StartLine != 2 || reg.StartColumn != 19 || reg.EndLine != 2 || reg.EndColumn != 44 {
		t.Errorf("region: %+v", reg)
	}
	if len(r.Fixes) != 1 {
		t.Fatalf("fixes: %+v", r.Fixes)
	}
	if del := r.Fixes[0].ArtifactChanges[0].Replacements[0].DeletedRegion; del.StartColumn != 19 || del.EndColumn != 19 {
		t.Errorf("deleted region: %+v", del)
	}
	// A file without source keeps its byte columns.
	if reg := run.Results[2].Locations[0].PhysicalLocation.Region; reg.StartColumn != 1 || reg.EndColumn != 1 {
		t.Errorf("region without source: %+v", reg)
	}
	if run.Results[3].Level != "note" || run.Results[3].Fixes == nil {
		t.Errorf("result 3: %+v", run.Results[3])
	}
}

func TestUTF16Column(t *testing.T) {
	c := newContext(&analyzer.Result{Sources: map[string][]byte{"f": []byte("a😀b\n")}}, nil)
	for _, tt := range []struct{ byteCol, want int }{{1, 1}, {2, 2}, {6, 4}, {7, 5}, {9, 7}} {
		if got := c.utf16Column("f", 1, tt.byteCol); got != tt.want {
			t.Errorf("byte column %d: got %d, want %d", tt.byteCol, got, tt.want)
		}
	}
	if got := c.utf16Column("missing", 1, 5); got != 5 {
		t.Errorf("missing source: got %d", got)
	}
}

// TestGitHubLimit checks the notice that says how many annotations GitHub hides.
func TestGitHubLimit(t *testing.T) {
	res := &analyzer.Result{}
	for i := 1; i <= 12; i++ {
		res.Diagnostics = append(res.Diagnostics, analyzer.Diagnostic{File: "h", Span: analyzer.Span{Start: pos(0, i, 1)},
			Rule: "HL101", Severity: analyzer.SeverityError, Message: "m"})
	}
	res.Diagnostics = append(res.Diagnostics, analyzer.Diagnostic{File: "h", Span: analyzer.Span{Start: pos(0, 13, 1)},
		Rule: "HL203", Severity: analyzer.SeverityWarning, Message: "m"})
	got := render(t, "github", res, Options{Rerun: "hooklint app, billing"})
	first, _, _ := strings.Cut(got, "\n")
	want := "::notice title=hooklint%3A more findings than annotations::hooklint found 12 errors, 1 warning; GitHub shows 10 annotations of each kind per step: run `hooklint app, billing` to see them all"
	if first != want {
		t.Errorf("first line\n got %q\nwant %q", first, want)
	}
	if n := strings.Count(got, "::error "); n != 12 {
		t.Errorf("%d errors written, want all 12", n)
	}
	res.Diagnostics = res.Diagnostics[2:]
	if got := render(t, "github", res, Options{}); strings.HasPrefix(got, "::notice") {
		t.Errorf("a notice for 10 errors: %q", got)
	}
}

// TestGitLabFingerprint checks that a fingerprint follows the line's text, not its number,
// and tells identical issues apart.
func TestGitLabFingerprint(t *testing.T) {
	issue := func(src string, line int) *analyzer.Result {
		return &analyzer.Result{
			Sources: map[string][]byte{"h": []byte(src)},
			Diagnostics: []analyzer.Diagnostic{{File: "h", Span: analyzer.Span{Start: pos(0, line, 1)},
				Rule: "HL101", Severity: analyzer.SeverityError, Message: "m"}},
		}
	}
	prints := func(res *analyzer.Result) []string {
		var issues []struct {
			Fingerprint string `json:"fingerprint"`
			Severity    string `json:"severity"`
			Location    struct {
				Lines struct {
					Begin int `json:"begin"`
				} `json:"lines"`
			} `json:"location"`
		}
		if err := json.Unmarshal([]byte(render(t, "gitlab", res, Options{})), &issues); err != nil {
			t.Fatal(err)
		}
		var fps []string
		for _, i := range issues {
			fps = append(fps, i.Fingerprint)
		}
		return fps
	}
	a := prints(issue("#!/bin/sh\nkamal app boot\n", 2))
	b := prints(issue("#!/bin/sh\necho start\nkamal app boot\n", 3))
	c := prints(issue("#!/bin/sh\nkamal app stop\n", 2))
	if a[0] != b[0] {
		t.Errorf("a line added above changes the fingerprint: %s, %s", a[0], b[0])
	}
	if a[0] == c[0] {
		t.Errorf("another line has the same fingerprint")
	}
	twice := issue("kamal app boot\nkamal app boot\n", 1)
	twice.Diagnostics = append(twice.Diagnostics, twice.Diagnostics[0])
	twice.Diagnostics[1].Span.Start.Line = 2
	if fps := prints(twice); fps[0] == fps[1] {
		t.Errorf("identical issues share a fingerprint")
	}
}

// failingWriter accepts n bytes, then fails.
type failingWriter struct{ n int }

var errWrite = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		n := w.n
		w.n = 0
		return n, errWrite
	}
	w.n -= len(p)
	return len(p), nil
}

// TestWriteError checks that every format reports a failing writer, also one that fails
// after the first of several writes of a long output.
func TestWriteError(t *testing.T) {
	long := sampleResult()
	for len(long.Diagnostics) < 2000 {
		long.Diagnostics = append(long.Diagnostics, long.Diagnostics...)
	}
	for _, format := range Names {
		for _, accept := range []int{0, 40 << 10} {
			if err := Write(&failingWriter{n: accept}, format, long, testRules, Options{}); !errors.Is(err, errWrite) {
				t.Errorf("%s, failing after %d bytes: %v, want %v", format, accept, err, errWrite)
			}
		}
	}
}
