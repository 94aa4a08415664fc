// Writes the .gob fixtures GobStringListTests reads. Run from this folder:
//
//	go run make-gob-fixtures.go
//
// and commit the program with what it writes; the tests need no Go. The files are what
// hoop's CLI sends as the terminal.args spec entry: gob.NewEncoder(buf).Encode(args) with
// args a []string, one fresh encoder per value. The expected strings are written out again
// in GobStringListTests.cs on purpose, so a change here shows up as a failing test.
package main

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Args is a []string under another name, as a Go program might declare it.
type Args []string

func encode(v any) []byte {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func write(name string, v any) {
	if err := os.WriteFile(name, encode(v), 0o644); err != nil {
		panic(err)
	}
	fmt.Println("wrote", name)
}

func main() {
	// Gob numbers types per process, in the order they are first encoded (the first is 65).
	// hoop's exec path encodes terminal.envvars (a map[string]string) before terminal.args,
	// so there []string is type 66. A child process does that to show the id is not fixed.
	if len(os.Args) > 1 && os.Args[1] == "after-envvars" {
		_ = encode(map[string]string{"PGUSER": "app"})
		os.Stdout.Write(encode([]string{"-c", "select 1"}))
		return
	}

	// The []string fixtures come first, so in this process []string is type 65.
	write("args-empty.gob", []string{})
	write("args-one.gob", []string{"ls"})
	write("args-several.gob", []string{
		"--verbose",
		"-c",
		"a b c",
		`echo "it's" $(rm -rf /)`,
		"héllo 世界",
		"",
	})
	// 70,000 bytes: the message length and the string length need three-byte integers.
	write("args-long.gob", []string{"start", strings.Repeat("0123456789", 7000), "end"})
	many := make([]string, 300)
	for i := range many {
		many[i] = fmt.Sprintf("arg%d", i)
	}
	write("args-300.gob", many)

	child := exec.Command(os.Args[0], "after-envvars")
	child.Stderr = os.Stderr
	out, err := child.Output()
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile("args-after-envvars.gob", out, 0o644); err != nil {
		panic(err)
	}
	fmt.Println("wrote args-after-envvars.gob")

	// A named slice type sends its name in the definition; it is still a list of strings.
	write("args-named-type.gob", Args{"-c", "true"})

	// What the decoder must refuse. One map entry, so the bytes do not depend on map order.
	write("envvars-map.gob", map[string]string{"PGUSER": "app"})
	write("ints.gob", []int{1, -2, 300})
	write("string.gob", "ls -la")
}
