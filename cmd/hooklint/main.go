// Command hooklint checks Kamal deploy hooks for nested kamal commands that hit the deploy
// lock, and for other mistakes that break hooks. See the README for usage.
package main

import "os"

func main() {
	cmd := &Command{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(cmd.Main(os.Args[1:]))
}
