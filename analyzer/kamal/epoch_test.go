package kamal

import (
	"reflect"
	"testing"
)

// TestEpoch resolves lines at every release and at its epoch: the calls must be equal,
// so that resolving once per epoch loses nothing.
func TestEpoch(t *testing.T) {
	lines := [][]string{
		{"accessory", "reboot", "db"}, {"app", "boot", "-H"}, {"app", "exec", "-i", "--reuse", "bin/rails c"},
		{"deploy", "-P"}, {"setup", "--no-cache"}, {"proxy", "reboot", "-y"}, {"traefik", "reboot"},
		{"app", "boot", "--lock-wait"}, {"env", "push"}, {"app", "stale_containers", "-s"}, {"build", "push"},
		{"lock", "acquire", "-m", "x"}, {"rb"}, {"app", "logs", "-n", "5"}, {"accessory", "exec", "db", "psql", "x"},
		{"server", "exec", "true"}, {"-h"}, {"app"}, {"rollback", "--help"}, {"secrets", "print"},
	}
	aliases := map[string]string{"rb": "accessory reboot db -d staging"}
	epochs := map[Version]bool{}
	for _, v := range Releases {
		e := Epoch(v)
		epochs[e] = true
		for _, line := range lines {
			words := make([]Word, len(line))
			for i, s := range line {
				words[i] = Word{Text: s, Known: true, Index: i}
			}
			if a, b := ParseCall(v, words, aliases), ParseCall(e, words, aliases); !reflect.DeepEqual(a, b) {
				t.Errorf("%v at %s and at its epoch %s differ:\n%+v\n%+v", line, v, e, a, b)
			}
		}
	}
	if len(epochs) >= len(Releases) {
		t.Errorf("%d epochs for %d releases: nothing is shared", len(epochs), len(Releases))
	}
	t.Logf("%d releases, %d epochs", len(Releases), len(epochs))
}

// TestEpochOfOtherVersions covers versions that are no release: a newer one reads lines as
// the newest release does, a pre-release and a version between releases as the release
// before them, when their tables render alike.
func TestEpochOfOtherVersions(t *testing.T) {
	for _, tc := range []struct{ v, releaseBefore Version }{
		{V(2, 13, 0), Newest},
		{V(3, 0, 0), Newest},
		{Version{Major: 2, Minor: 0, Patch: 0, Pre: "rc1"}, V(1, 9, 3)},
		{V(2, 5, 9), V(2, 5, 3)},
		{V(1, 9, 9), V(1, 9, 3)},
	} {
		got := Epoch(tc.v)
		if cliSignature(tc.v) != cliSignature(tc.releaseBefore) {
			if got != tc.v {
				t.Errorf("Epoch(%s) = %s, want itself: its tables differ from %s's", tc.v, got, tc.releaseBefore)
			}
			continue
		}
		if want := Epoch(tc.releaseBefore); got != want {
			t.Errorf("Epoch(%s) = %s, want %s, the epoch of %s", tc.v, got, want, tc.releaseBefore)
		}
	}
	if got := Epoch(V(0, 9, 0)); got != V(0, 9, 0) {
		t.Errorf("Epoch(0.9.0) = %s, want itself: no release comes before it", got)
	}
}
