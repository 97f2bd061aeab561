// Package cli is the small command framework behind the ccan binary.
//
// It follows cmd/go: every subcommand is a value of Command, all of them
// live in one ordered table in cmd/ccan, and Main dispatches to them. A
// command reports trouble by returning an error; Main turns that into an
// exit status: 2 for usage errors (see UsageErrorf), the code carried by an
// *ExitError, and 1 for anything else.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit statuses shared by every command.
const (
	ExitOK      = 0 // success, no findings
	ExitFailure = 1 // findings, or the command failed
	ExitUsage   = 2 // the command line was wrong
)

// Command is one subcommand of ccan.
type Command struct {
	// UsageLine is the one-line synopsis; its first word is the command name.
	UsageLine string
	// Short is a one-line description shown by "ccan help".
	Short string
	// Long is the text shown by "ccan help NAME".
	Long string
	// SetFlags, when non-nil, declares the command's flags.
	SetFlags func(fs *flag.FlagSet)
	// RawArgs makes Main hand the arguments to Run unparsed: the command
	// parses them itself (used where arguments look like flags, as the
	// compiler flags of "ccan configure" do).
	RawArgs bool
	// Run executes the command. args are the positional arguments
	// (flags may appear anywhere before a "--").
	Run func(ctx context.Context, env *Env, args []string) error
}

// Name reports the command name: the first word of UsageLine.
func (c *Command) Name() string {
	name, _, _ := strings.Cut(c.UsageLine, " ")
	return name
}

// Topic is a help topic that is not a command ("ccan help modules").
type Topic struct {
	Name  string
	Short string
	Long  string
}

// Env is what a running command sees of the world.
type Env struct {
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader
	// Getenv looks up environment variables (os.Getenv in production).
	Getenv func(string) string
	// Dir is the working directory that relative paths are taken against.
	Dir string
	// Flags is the parsed flag set of the running command.
	Flags *flag.FlagSet
	// IsTerminal reports whether Stdout is a terminal.
	IsTerminal bool
}

// Bool, String and Int read flags declared by SetFlags.
func (e *Env) Bool(name string) bool     { return e.Flags.Lookup(name).Value.(flag.Getter).Get().(bool) }
func (e *Env) String(name string) string { return e.Flags.Lookup(name).Value.String() }
func (e *Env) Int(name string) int       { return e.Flags.Lookup(name).Value.(flag.Getter).Get().(int) }

// StringList reads a repeatable flag declared with StringsFlag.
func (e *Env) StringList(name string) []string {
	return []string(*e.Flags.Lookup(name).Value.(*StringsFlag))
}

// StringsFlag is a repeatable string flag.
type StringsFlag []string

func (s *StringsFlag) String() string     { return strings.Join(*s, ",") }
func (s *StringsFlag) Set(v string) error { *s = append(*s, v); return nil }
func (s *StringsFlag) Get() any           { return []string(*s) }

// UsageError is returned for a malformed command line; Main exits 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// UsageErrorf formats a UsageError.
func UsageErrorf(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// ExitError carries an exit status with an optional message. A command
// that has already printed its findings returns &ExitError{Code: 1}.
type ExitError struct {
	Code int
	Err  error // may be nil: nothing more to print
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// App is the whole program: its name, commands in display order, and topics.
type App struct {
	Name     string
	Commands []*Command
	Topics   []*Topic
}

// Lookup finds a command by name.
func (a *App) Lookup(name string) *Command {
	for _, c := range a.Commands {
		if c.Name() == name {
			return c
		}
	}
	return nil
}

// Main runs the program with args (without the program name) and returns
// the exit status.
func (a *App) Main(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 {
		a.printUsage(env.Stderr)
		return ExitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		return a.help(env, args[1:])
	}
	cmd := a.Lookup(name)
	if cmd == nil {
		fmt.Fprintf(env.Stderr, "%s %s: unknown command\nRun '%s help' for usage.\n", a.Name, name, a.Name)
		return ExitUsage
	}
	return a.run(ctx, cmd, env, args[1:])
}

func (a *App) run(ctx context.Context, cmd *Command, env *Env, args []string) int {
	fs := flag.NewFlagSet(cmd.Name(), flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if cmd.SetFlags != nil {
		cmd.SetFlags(fs)
	}
	env.Flags = fs
	positional := args
	if !cmd.RawArgs {
		var err error
		positional, err = parseInterspersed(fs, args)
		if errors.Is(err, flag.ErrHelp) {
			a.printCommandHelp(env.Stdout, cmd)
			return ExitOK
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "%s %s: %v\nusage: %s %s\nRun '%s help %s' for details.\n",
				a.Name, cmd.Name(), err, a.Name, cmd.UsageLine, a.Name, cmd.Name())
			return ExitUsage
		}
	}
	err := cmd.Run(ctx, env, positional)
	return a.report(env, cmd, err)
}

func (a *App) report(env *Env, cmd *Command, err error) int {
	if err == nil {
		return ExitOK
	}
	var ue *UsageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.Stderr, "%s %s: %s\nusage: %s %s\nRun '%s help %s' for details.\n",
			a.Name, cmd.Name(), ue.Msg, a.Name, cmd.UsageLine, a.Name, cmd.Name())
		return ExitUsage
	}
	if errors.Is(err, flag.ErrHelp) {
		a.printCommandHelp(env.Stdout, cmd)
		return ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			fmt.Fprintf(env.Stderr, "%s %s: %v\n", a.Name, cmd.Name(), ee.Err)
		}
		return ee.Code
	}
	fmt.Fprintf(env.Stderr, "%s %s: %v\n", a.Name, cmd.Name(), err)
	return ExitFailure
}

// parseInterspersed parses flags that may appear before, between or after
// positional arguments; everything after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		// flag.Parse stops at the first non-flag, or after "--".
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

func (a *App) help(env *Env, args []string) int {
	if len(args) == 0 {
		a.printUsage(env.Stdout)
		return ExitOK
	}
	if len(args) > 1 {
		fmt.Fprintf(env.Stderr, "usage: %s help [command|topic]\n", a.Name)
		return ExitUsage
	}
	if cmd := a.Lookup(args[0]); cmd != nil {
		a.printCommandHelp(env.Stdout, cmd)
		return ExitOK
	}
	for _, t := range a.Topics {
		if t.Name == args[0] {
			fmt.Fprintln(env.Stdout, strings.TrimSpace(t.Long))
			return ExitOK
		}
	}
	fmt.Fprintf(env.Stderr, "%s help %s: unknown help topic. Run '%s help'.\n", a.Name, args[0], a.Name)
	return ExitUsage
}

func (a *App) printUsage(w io.Writer) {
	fmt.Fprintf(w, "%s is the C Code Archive Network tool: it reads, checks, fetches and serves\nCCAN modules.\n\nUsage:\n\n\t%s <command> [arguments]\n\nThe commands are:\n\n", a.Name, a.Name)
	for _, c := range a.Commands {
		fmt.Fprintf(w, "\t%-11s %s\n", c.Name(), c.Short)
	}
	fmt.Fprintf(w, "\nUse \"%s help <command>\" for more information about a command.\n", a.Name)
	if len(a.Topics) > 0 {
		fmt.Fprintf(w, "\nAdditional help topics:\n\n")
		topics := append([]*Topic(nil), a.Topics...)
		sort.Slice(topics, func(i, j int) bool { return topics[i].Name < topics[j].Name })
		for _, t := range topics {
			fmt.Fprintf(w, "\t%-11s %s\n", t.Name, t.Short)
		}
		fmt.Fprintf(w, "\nUse \"%s help <topic>\" for more information about that topic.\n", a.Name)
	}
}

func (a *App) printCommandHelp(w io.Writer, cmd *Command) {
	fmt.Fprintf(w, "usage: %s %s\n\n%s\n", a.Name, cmd.UsageLine, strings.TrimSpace(cmd.Long))
	if cmd.SetFlags == nil || cmd.RawArgs {
		return
	}
	fs := flag.NewFlagSet(cmd.Name(), flag.ContinueOnError)
	cmd.SetFlags(fs)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "\nFlags:\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// OSEnv returns an Env wired to the process's standard streams.
func OSEnv() *Env {
	dir, _ := os.Getwd()
	return &Env{
		Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin,
		Getenv: os.Getenv, Dir: dir, IsTerminal: isTerminal(os.Stdout),
	}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
