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
