// Package editdist measures how far apart two words are, for the "did you mean" hints of
// findings and of the command line: a misspelt Kamal command, hook name, variable or rule.
package editdist

// Distance returns the optimal string alignment distance between a and b, counted in
// bytes: inserting, deleting or replacing a byte, or swapping two adjacent ones, each
// costs one (so "post-dpeloy" is 1 from "post-deploy").
func Distance(a, b string) int {
	// Three rows are enough: the transposition looks two rows back.
	prev2 := make([]int, len(b)+1)
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
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// Nearest returns the name of names nearest to word, and among equals the one that sorts
// first; "" when none is close: at most a third of the longer word away (one edit for
// short words).
func Nearest(word string, names []string) string {
	best, bestDist := "", -1
	for _, n := range names {
		d := Distance(word, n)
		if d > max(max(len(word), len(n))/3, 1) {
			continue
		}
		if bestDist < 0 || d < bestDist || d == bestDist && n < best {
			best, bestDist = n, d
		}
	}
	return best
}
