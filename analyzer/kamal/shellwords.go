package kamal

import (
	"fmt"
	"strings"
)

// SplitWords splits s into words as Ruby's Shellwords.split does, which Kamal uses on an
// alias's command line: blanks separate words; single quotes keep everything literally;
// double quotes keep everything but a backslash before $ ` " \ or a newline; a backslash
// outside quotes keeps the next character; adjacent parts join into one word. An
// unmatched quote is an error.
func SplitWords(s string) ([]string, error) {
	var words []string
	var field strings.Builder
	i := 0
	for {
		for i < len(s) && isShellSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			break
		}
		start := i
		for i < len(s) && !isShellSpace(s[i]) {
			switch c := s[i]; c {
			case '\'':
				end := strings.IndexByte(s[i+1:], '\'')
				if end < 0 {
					return nil, fmt.Errorf("unmatched quote at %d: %s", start, s[start:])
				}
				field.WriteString(s[i+1 : i+1+end])
				i += end + 2
			case '"':
				j := i + 1
				for ; j < len(s) && s[j] != '"'; j++ {
					if s[j] == '\\' && j+1 < len(s) {
						if strings.IndexByte("$`\"\\\n", s[j+1]) < 0 {
							field.WriteByte('\\')
						}
						j++
					}
					field.WriteByte(s[j])
				}
				if j >= len(s) {
					return nil, fmt.Errorf("unmatched quote at %d: %s", start, s[start:])
				}
				i = j + 1
			case '\\':
				switch {
				case i+1 >= len(s):
					field.WriteByte('\\')
					i++
				case s[i+1] == '\n':
					// Ruby's /\\(.)/ does not match a newline: both characters stay.
					field.WriteString("\\\n")
					i += 2
				default:
					field.WriteByte(s[i+1])
					i += 2
				}
			case 0:
				return nil, fmt.Errorf("nul character at %d", i)
			default:
				field.WriteByte(c)
				i++
			}
		}
		words = append(words, field.String())
		field.Reset()
	}
	return words, nil
}

func isShellSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}
