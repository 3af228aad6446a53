//go:build linux

// Command interleave times commands the way scripts/bench.sh needs on a shared
// machine: interleaved, so that a change of load hits every command alike, and
// by CPU time, which moves less than wall time when other work competes for
// the cores.
//
// Each round runs every command once, in a fresh random order; the first
// -warmup rounds are not recorded. A command's CPU time is the user+system time
// of the whole process tree it started: the runner is a child subreaper (Linux
// prctl PR_SET_CHILD_SUBREAPER), so a provider process that outlives Terraform
// is reparented to it, and after each command it reaps every descendant before
// reading its own RUSAGE_CHILDREN, which then covers them all. A command that
// exits non-zero stops the run.
//
//	interleave -runs 10 -warmup 2 -json out.json commands.tsv
//
// commands.tsv has one command a line: NAME, a tab, then the command, split at
// white space and executed directly (no shell; use env VAR=value to set the
// environment). The JSON holds every run's wall and CPU time in seconds and
// their medians, in the order of the file.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"sort"
	"strings"
	"syscall"
	"time"
)

// Result is one command's runs; bench/report reads it.
type Result struct {
	Command    string    `json:"command"`
	Wall       []float64 `json:"wall"`
	CPU        []float64 `json:"cpu"`
	MedianWall float64   `json:"median_wall"`
	MedianCPU  float64   `json:"median_cpu"`
}

type command struct {
	name string
	argv []string
}

const prSetChildSubreaper = 36

func main() {
	runs := flag.Int("runs", 10, "recorded rounds")
	warmup := flag.Int("warmup", 2, "unrecorded rounds first")
	out := flag.String("json", "", "write the results to this file")
	seed := flag.Uint64("seed", 1, "seed of the order of each round")
	flag.Parse()
	if flag.NArg() != 1 || *out == "" || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: interleave [-runs N] [-warmup N] [-seed N] -json OUT commands.tsv")
		os.Exit(2)
	}
	cmds, err := readCommands(flag.Arg(0))
	if err != nil {
		fail(err)
	}
	if err := becomeSubreaper(); err != nil {
		fail(err)
	}
	results := make([]Result, len(cmds))
	for i, c := range cmds {
		results[i].Command = c.name
	}
	rng := rand.New(rand.NewPCG(*seed, 0))
	order := make([]int, len(cmds))
	for i := range order {
		order[i] = i
	}
	for round := range *warmup + *runs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		fmt.Fprintf(os.Stderr, "round %d/%d%s\n", round+1, *warmup+*runs, map[bool]string{true: " (warm-up)"}[round < *warmup])
		for _, i := range order {
			wall, cpu, err := run(cmds[i])
			if err != nil {
				fail(fmt.Errorf("%s: %w", cmds[i].name, err))
			}
			if round >= *warmup {
				results[i].Wall = append(results[i].Wall, wall)
				results[i].CPU = append(results[i].CPU, cpu)
			}
		}
	}
	for i := range results {
		results[i].MedianWall = median(results[i].Wall)
		results[i].MedianCPU = median(results[i].CPU)
	}
	raw, err := json.MarshalIndent(struct {
		Runs    int      `json:"runs"`
		Warmup  int      `json:"warmup"`
		Results []Result `json:"results"`
	}{*runs, *warmup, results}, "", "  ")
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(*out, append(raw, '\n'), 0o644); err != nil {
		fail(err)
	}
}

func readCommands(path string) ([]command, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	var cmds []command
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		name, cmd, ok := strings.Cut(line, "\t")
		argv := strings.Fields(cmd)
		if !ok || name == "" || len(argv) == 0 {
			return nil, fmt.Errorf("%s: bad line %q: want NAME<tab>COMMAND", path, line)
		}
		cmds = append(cmds, command{name, argv})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(cmds) == 0 {
		return nil, fmt.Errorf("%s: no commands", path)
	}
	return cmds, nil
}

// run runs c with its output discarded and returns its wall time and the CPU
// time of its whole process tree, in seconds.
func run(c command) (wall, cpu float64, err error) {
	before := childrenCPU()
	// A file, not a pipe: a descendant that outlives the command and holds
	// its stderr open cannot make Run wait for it.
	stderr, err := os.CreateTemp("", "interleave-stderr-")
	if err != nil {
		return 0, 0, err
	}
	defer func() { _ = stderr.Close(); _ = os.Remove(stderr.Name()) }()
	cmd := exec.Command(c.argv[0], c.argv[1:]...)
	cmd.Stderr = stderr
	start := time.Now()
	err = cmd.Run()
	wall = time.Since(start).Seconds()
	reapOrphans()
	if err != nil {
		msg, _ := os.ReadFile(stderr.Name())
		if len(msg) > 2000 {
			msg = msg[len(msg)-2000:]
		}
		return 0, 0, fmt.Errorf("%w\n%s", err, msg)
	}
	return wall, (childrenCPU() - before).Seconds(), nil
}

// becomeSubreaper makes this process the parent of its orphaned descendants.
func becomeSubreaper() error {
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		return fmt.Errorf("prctl(PR_SET_CHILD_SUBREAPER): %w", errno)
	}
	return nil
}

// reapOrphans waits for every descendant that was reparented to this process.
func reapOrphans() {
	for {
		var ws syscall.WaitStatus
		_, err := syscall.Wait4(-1, &ws, 0, nil)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil { // ECHILD: none left
			return
		}
	}
}

func childrenCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		fail(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "interleave:", err)
	os.Exit(1)
}
