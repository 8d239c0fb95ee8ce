package kamal

import (
	"fmt"
	"github.com/hooklint/hooklint/internal/editdist"
	"slices"
	"strings"
	"sync"
)

// topNames returns the names Thor matches the first word against at release v: the
// top-level commands (help included) and the groups.
func topNames(v Version) []string {
	if names, ok := topNamesCache.Load(v); ok {
		return names.([]string)
	}
	names := slices.Clip(append(groupNames(v, ""), Groups(v)...))
	topNamesCache.Store(v, names)
	return names
}

var topNamesCache sync.Map // Version -> []string

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

// suggest returns the command name nearest to word ([editdist.Nearest]), dashes read as
// underscores as Thor reads them; "" when none is close.
func suggest(word string, names []string) string {
	return editdist.Nearest(strings.ReplaceAll(word, "-", "_"), names)
}
