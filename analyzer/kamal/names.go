package kamal

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// topNames returns the names Thor matches the first word against at release v: the
// top-level commands (help included) and the groups.
func topNames(v Version) []string {
	names := groupNames(v, "")
	return append(names, Groups(v)...)
}

// groupNames returns the command names of group ("" = top level) at release v. The lists
// are computed once per release and group; callers get a clipped slice they may append to.
func groupNames(v Version, group string) []string {
	key := namesKey{v, group}
	if names, ok := namesCache.Load(key); ok {
		return names.([]string)
	}
	var names []string
	for _, c := range commandsIn(v, group) {
		names = append(names, c.Name())
	}
	names = slices.Clip(names)
	namesCache.Store(key, names)
	return names
}

type namesKey struct {
	v     Version
	group string
}

var namesCache sync.Map // namesKey -> []string

// suggestNames returns the names Thor's "Did you mean?" picks from: every command of the
// group (hidden ones included) and, at the top level, the groups.
func suggestNames(v Version, group string) []string {
	names := groupNames(v, group)
	if group == "" {
		names = append(names, Groups(v)...)
	}
	return names
}

// resolveName finds meth among names as Thor's normalize_command_name does: an exact name,
// else the only name it is a prefix of, else (with no prefix match at all) the name with
// dashes turned into underscores. It returns "" when nothing matches and a problem when
// the prefix is ambiguous.
func resolveName(meth string, names []string) (string, string) {
	var poss []string
	for _, n := range names {
		if strings.HasPrefix(n, meth) && !slices.Contains(poss, n) {
			poss = append(poss, n)
		}
	}
	slices.Sort(poss)
	switch {
	case slices.Contains(poss, meth):
		return meth, ""
	case len(poss) == 1:
		return poss[0], ""
	case len(poss) > 1:
		return "", fmt.Sprintf("ambiguous command %q matches [%s]", meth, strings.Join(poss, ", "))
	}
	if u := strings.ReplaceAll(meth, "-", "_"); slices.Contains(names, u) {
		return u, ""
	}
	return "", ""
}

// suggest returns the name nearest to word by Levenshtein distance, or "" when none is
// close (more than a third of the longer word's length away).
func suggest(word string, names []string) string {
	word = strings.ReplaceAll(word, "-", "_")
	best, bestDist := "", -1
	for _, n := range names {
		d := levenshtein(word, n)
		limit := max(len(word), len(n)) / 3
		if d > max(limit, 1) {
			continue
		}
		if bestDist < 0 || d < bestDist || d == bestDist && n < best {
			best, bestDist = n, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
