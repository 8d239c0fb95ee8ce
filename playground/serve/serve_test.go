package main

import (
	"context"
	"encoding/json"
	"flag"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/hooklint/hooklint/analyzer/driver"
	"github.com/hooklint/hooklint/playground/api"
)

var screenshots = flag.String("screenshots", "", "`folder` to save the page's screenshots in (default: the test's temporary folder)")

// browser finds Chromium (Debian's package) or Chrome.
func browser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// seen is what the page shows of a finding, or what the driver reports of one.
type seen struct {
	Rule     string `json:"rule"`
	Line     int    `json:"line"`
	Severity string `json:"severity"`
}

// pageFindings reads the findings the page lists.
const pageFindings = `[...document.querySelectorAll("#findings > li")].map(li => ({
	rule: li.dataset.rule, line: +li.dataset.line,
	severity: li.className.replace(/.*sev-/, "")}))`

// TestPlayground builds the playground, serves it on 127.0.0.1 and drives it in headless
// Chromium: findings as the user types, the version, a suggestion applied, a parse error,
// the shared link, the hooks table, and the same findings as the command line's.
func TestPlayground(t *testing.T) {
	exe := browser()
	if exe == "" {
		t.Skip("no chromium or chrome on PATH (apt-get install chromium)")
	}
	dir := t.TempDir()
	if err := Build(dir); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.WindowSize(1280, 900))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses its sandbox to root
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	// Every request the page makes, to check that none leaves the server.
	var mu sync.Mutex
	var requests []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}

	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(expr string, out any) {
		t.Helper()
		res, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		if err := jsonUnmarshal(res, out); err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
	}
	findings := func() []seen {
		t.Helper()
		var got []seen
		eval(pageFindings, &got)
		return got
	}
	load := func(u string) time.Duration {
		t.Helper()
		start := time.Now()
		do("load "+u, chromedp.Navigate("about:blank"), chromedp.Navigate(u))
		// A poll does not survive a navigation: try again while the page is still loading.
		for {
			err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void]("document.body.dataset.ready === 'true'", chromedp.WithPollingTimeout(20*time.Second)))
			if err == nil {
				return time.Since(start)
			}
			if time.Since(start) > 20*time.Second || ctx.Err() != nil {
				t.Fatalf("load %s: %v", u, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	// marks are the page's own timings after navigation start, in ms: hooklint.wasm
	// fetched, compiled, Go started, first findings.
	marks := func() []float64 {
		var m []float64
		eval(`[performance.getEntriesByType("resource").find(e => e.name.endsWith(".wasm")).responseEnd,
			...["instantiated", "ready", "first-findings"].map(m => performance.getEntriesByName("hooklint-" + m)[0].startTime)]`, &m)
		return m
	}

	// The README's example, as the page opens: HL101 at line 3.
	elapsed := load(srv.URL + "/")
	m := marks()
	t.Logf("first visit: navigation to first findings %v; in the page, after navigation start: hooklint.wasm fetched %.0f ms, compiled %.0f ms, Go started %.0f ms, first findings %.0f ms",
		elapsed.Round(time.Millisecond), m[0], m[1], m[2], m[3])
	// Again, with hooklint.wasm (and its compiled code) in the browser's cache. The times
	// are logged for the record, never asserted: a busy machine only ever adds time.
	best := m[3]
	for range 3 {
		elapsed = load(srv.URL + "/")
		m = marks()
		t.Logf("visit again: navigation to first findings %v; in the page: fetched %.0f ms, compiled %.0f ms, Go started %.0f ms, first findings %.0f ms",
			elapsed.Round(time.Millisecond), m[0], m[1], m[2], m[3])
		best = min(best, m[3])
	}
	t.Logf("first findings %.0f ms after navigation start at best (the target is under a second)", best)
	if got := findings(); len(got) != 1 || got[0].Rule != "HL101" || got[0].Line != 3 {
		t.Fatalf("example: %+v, want HL101 at line 3", got)
	}
	var marked []string
	eval(`[...document.querySelectorAll("#backdrop .line")].map(l => l.className)`, &marked)
	if len(marked) < 3 || !strings.Contains(marked[2], "hl-") || strings.Contains(marked[0], "hl-") {
		t.Errorf("highlighted lines: %q, want line 3 alone", marked)
	}
	var table []string
	eval(`[...document.querySelectorAll("#runby tbody tr")].map(r => r.innerText.replace(/\s+/g, " ").trim())`, &table)
	if len(table) == 0 || table[0] != "kamal setup held" {
		t.Errorf("hooks table: %q, want setup held first", table)
	}
	shoot(t, ctx, "desktop", 1280)

	// Kamal 2.12.0 passes the lock to nested calls: nothing to report.
	do("pick 2.12.0", chromedp.SetValue("#version", "2.12.0"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("version").dispatchEvent(new Event("change"))`))
	if got := findings(); len(got) != 0 {
		t.Errorf("2.12.0: %+v, want none", got)
	}

	// Back to 2.5.3; one click applies the guard, and the finding goes.
	do("pick 2.5.3", chromedp.SetValue("#version", "2.5.3"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("version").dispatchEvent(new Event("change"))`))
	if got := findings(); len(got) != 1 || got[0].Severity != "error" {
		t.Fatalf("2.5.3: %+v, want one error", got)
	}
	do("apply the guard", chromedp.Click(`#findings li[data-kind="guard"] button.apply`))
	var src string
	eval(`document.getElementById("source").value`, &src)
	if got := findings(); len(got) != 0 || !strings.Contains(src, "KAMAL_COMMAND") {
		t.Errorf("after the guard: %+v in\n%s", got, src)
	}

	// Typed: a parse error shows HL001 once typing pauses.
	do("type a broken hook",
		chromedp.Evaluate[chromedp.Void](`(s => { s.value = ""; s.dispatchEvent(new Event("input")); })(document.getElementById("source"))`),
		chromedp.SendKeys("#source", "#!/bin/sh\nif true; then\n  kamal app boot\n"),
		chromedp.Poll[chromedp.Void](`[...document.querySelectorAll("#findings > li")].some(li => li.dataset.rule === "HL001")`,
			chromedp.WithPollingTimeout(5*time.Second)))

	// The link restores the inputs and the findings.
	do("set a project", chromedp.Evaluate[chromedp.Void](`(d => { d.value = "service: app\nservers: [192.0.2.1]\nrequire_destination: true\n"; d.dispatchEvent(new Event("input")); })(document.getElementById("deploy"))`),
		chromedp.Poll[chromedp.Void](`location.hash.includes("deploy=")`, chromedp.WithPollingTimeout(5*time.Second)))
	before := findings()
	var link string
	eval(`document.getElementById("share-link").value`, &link)
	var state []string
	stateJS := `["hook", "version", "source", "deploy"].map(id => document.getElementById(id).value)`
	eval(stateJS, &state)
	load(link)
	var after []string
	eval(stateJS, &after)
	if !reflect.DeepEqual(state, after) || !reflect.DeepEqual(before, findings()) {
		t.Errorf("the link %s restored %q with %+v, want %q with %+v", link, after, findings(), state, before)
	}

	// The page reports what the command line reports for the same input.
	for _, c := range cliCases {
		u := srv.URL + "/#" + url.Values{"hook": {c.Hook}, "kamal": {c.KamalVersion}, "src": {c.Source}, "deploy": {c.DeployYML}}.Encode()
		load(u)
		page, cli := findings(), cliFindings(t, c)
		if !reflect.DeepEqual(page, cli) {
			t.Errorf("%s at %q:\npage %+v\nCLI  %+v", c.Hook, c.KamalVersion, page, cli)
		}
	}

	// 360 px wide: nothing wider than the screen.
	load(srv.URL + "/")
	do("360 px", chromedp.EmulateViewport(360, 800))
	var overflow bool
	eval(`document.documentElement.scrollWidth > window.innerWidth`, &overflow)
	if overflow {
		t.Error("at 360 px the page is wider than the screen")
	}
	shoot(t, ctx, "narrow", 360)
	// Closer looks, as a phone shows them: the editor, then the findings.
	do("360 px at 2x", chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)))
	for _, part := range []struct{ name, js string }{
		{"narrow-editor", `scrollTo(0, 0)`},
		{"narrow-findings", `document.getElementById("findings-title").scrollIntoView()`},
	} {
		do("scroll", chromedp.Evaluate[chromedp.Void](part.js))
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		saveShot(t, part.name, png, 360)
	}

	// Every control has a label; buttons have a name.
	var unlabelled []string
	eval(`[...document.querySelectorAll("input, select, textarea, button")]
		.filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !(e.tagName === "BUTTON" && e.textContent.trim()))
		.map(e => e.id || e.outerHTML)`, &unlabelled)
	if len(unlabelled) > 0 {
		t.Errorf("controls without a label: %q", unlabelled)
	}

	mu.Lock()
	defer mu.Unlock()
	for _, r := range requests {
		if !strings.HasPrefix(r, srv.URL+"/") && r != "about:blank" {
			t.Errorf("request outside the page's server: %s", r)
		}
	}
}

// cliCases are checked both in the page and with the driver as the command line runs it.
var cliCases = []api.Request{
	{Hook: "post-deploy", Source: "#!/bin/sh\nset -e\nkamal accessory reboot db\n"},
	{Hook: "post-deploy", Source: "#!/bin/sh\nset -e\nkamal accessory reboot db\n", KamalVersion: "2.5.3"},
	{Hook: "pre-deploy", KamalVersion: "2.4.0", DeployYML: "service: app\nservers: [192.0.2.1]\nrequire_destination: true\n",
		Source: "#!/bin/bash\necho \"$KAMAL_ROLE\"\nkamal app restart\nkamal lock acquire -m x\nkamal app boot -H\nbin/kamal proxy reboot -y\n"},
	{Hook: "post-app-boot", KamalVersion: "2.7.0", Source: "#!/bin/sh\nsudo kamal app boot\nenv -i kamal accessory restart db\n[[ -n $KAMAL_LOCK ]]\n"},
	{Hook: "pre-connect", Source: "kamal app details\nif then\n"},
}

// cliFindings runs the driver as `hooklint --stdin-filename .kamal/hooks/HOOK -` does, in
// a project on disk with the case's deploy.yml.
func cliFindings(t *testing.T, c api.Request) []seen {
	t.Helper()
	dir := t.TempDir()
	if c.DeployYML != "" {
		if err := os.MkdirAll(filepath.Join(dir, "config"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "config", "deploy.yml"), []byte(c.DeployYML), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := driver.Run(driver.Options{Dir: dir, Paths: []string{"-"}, Stdin: []byte(c.Source),
		StdinFilename: api.HookFile(c.Hook), Hook: c.Hook, KamalVersion: c.KamalVersion})
	if err != nil {
		t.Fatal(err)
	}
	out := []seen{}
	for _, d := range rep.Diagnostics {
		out = append(out, seen{Rule: d.Rule, Line: d.Span.Start.Line, Severity: d.Severity.String()})
	}
	return out
}

// shoot saves a full-page screenshot as NAME.png and logs where.
func shoot(t *testing.T, ctx context.Context, name string, width int) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	saveShot(t, name, png, width)
}

// saveShot saves a screenshot as NAME.png in -screenshots or the test's temporary folder.
func saveShot(t *testing.T, name string, png []byte, width int) {
	t.Helper()
	dir := *screenshots
	if dir == "" {
		dir = t.TempDir()
	}
	file := filepath.Join(dir, name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot at %d px wide: %s", width, file)
}

func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }
