package kamal

// Nearest returns the name of names nearest to word by edit distance, or "" when none is
// close: what Thor's "Did you mean?" offers, for other names (hook variables, hook files).
func Nearest(word string, names []string) string { return suggest(word, names) }
