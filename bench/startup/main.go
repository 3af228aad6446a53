// Command startup measures how long a Terraform provider binary takes from exec
// to serving: the go-plugin handshake line ("1|6|unix|...|grpc") on its stdout,
// which Terraform waits for before its first RPC. It starts the binaries in
// turn, -runs times each, kills each one after the handshake, and prints the
// median and spread per binary, the median of the paired differences from the
// first binary, and the resident memory (VmHWM) each process had reached when
// it started serving.
//
// Like Terraform, it passes a client certificate (PLUGIN_CLIENT_CERT), so each
// provider also generates its own certificate for go-plugin's automatic mTLS
// before it prints the handshake.
//
//	startup -runs 50 -raw out.tsv noop=bin/terraform-provider-noop ekssize=bin/terraform-provider-ekssize
package main

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The go-plugin handshake Terraform uses for providers.
const magicCookie = "TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"

type target struct {
	name, path string
	start      []time.Duration
	hwmKiB     []int
}

func main() {
	runs := flag.Int("runs", 50, "starts per binary")
	warmup := flag.Int("warmup", 3, "untimed starts per binary first (page cache)")
	raw := flag.String("raw", "", "write every measurement to this TSV file")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: startup [-runs N] [-raw FILE] NAME=BINARY ...")
		os.Exit(2)
	}
	var targets []*target
	for _, a := range flag.Args() {
		name, path, ok := strings.Cut(a, "=")
		if !ok {
			fail(fmt.Errorf("bad argument %q: want NAME=BINARY", a))
		}
		targets = append(targets, &target{name: name, path: path})
	}
	clientCert, err := selfSignedCert()
	if err != nil {
		fail(err)
	}
	sockDir, err := os.MkdirTemp("", "bench-startup")
	if err != nil {
		fail(err)
	}
	defer func() { _ = os.RemoveAll(sockDir) }()

	for i := -*warmup; i < *runs; i++ {
		for _, t := range targets {
			d, hwm, err := startOnce(t.path, sockDir, clientCert)
			if err != nil {
				fail(fmt.Errorf("%s: %w", t.name, err))
			}
			if i >= 0 {
				t.start = append(t.start, d)
				t.hwmKiB = append(t.hwmKiB, hwm)
			}
		}
	}

	fmt.Printf("| binary | median start (ms) | min | p90 | median extra vs %s (ms, paired) | resident at handshake, VmHWM (MiB) |\n", targets[0].name)
	fmt.Println("|---|---:|---:|---:|---:|---:|")
	for _, t := range targets {
		diffs := make([]time.Duration, len(t.start))
		for i := range t.start {
			diffs[i] = t.start[i] - targets[0].start[i]
		}
		s := sorted(t.start)
		fmt.Printf("| %s | %.2f | %.2f | %.2f | %+.2f | %.1f |\n", t.name, ms(median(s)), ms(s[0]), ms(s[len(s)*9/10]),
			ms(median(sorted(diffs))), float64(medianInt(t.hwmKiB))/1024)
	}
	if *raw != "" {
		var b strings.Builder
		b.WriteString("binary\trun\tstart_ns\tvmhwm_kib\n")
		for _, t := range targets {
			for i := range t.start {
				fmt.Fprintf(&b, "%s\t%d\t%d\t%d\n", t.name, i, t.start[i].Nanoseconds(), t.hwmKiB[i])
			}
		}
		if err := os.WriteFile(*raw, []byte(b.String()), 0o644); err != nil {
			fail(err)
		}
	}
}

// startOnce execs the provider, waits for its handshake line and kills it.
func startOnce(path, sockDir, clientCert string) (time.Duration, int, error) {
	cmd := exec.Command(path)
	cmd.Env = append(os.Environ(), magicCookie, "PLUGIN_PROTOCOL_VERSIONS=6", "PLUGIN_UNIX_SOCKET_DIR="+sockDir,
		"PLUGIN_CLIENT_CERT="+clientCert)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, err
	}
	begin := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	elapsed := time.Since(begin)
	hwm := vmHWM(cmd.Process.Pid)
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if err != nil {
		return 0, 0, fmt.Errorf("no handshake line: %w", err)
	}
	if !strings.HasPrefix(line, "1|6|") {
		return 0, 0, fmt.Errorf("unexpected handshake %q", line)
	}
	return elapsed, hwm, nil
}

// selfSignedCert is a PEM client certificate like the one Terraform's plugin
// client sends.
func selfSignedCert() (string, error) {
	key, err := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	if err != nil {
		return "", err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "localhost", Organization: []string{"HashiCorp"}},
		DNSNames:              []string{"localhost"},
		NotBefore:             time.Now().Add(-time.Minute),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return "", err
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), nil
}

// vmHWM is the process's peak resident set in KiB, from /proc (0 if unreadable).
func vmHWM(pid int) int {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	return 0
}

func sorted(d []time.Duration) []time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s
}

func median(s []time.Duration) time.Duration {
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func medianInt(v []int) int {
	s := append([]int(nil), v...)
	sort.Ints(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "startup:", err)
	os.Exit(1)
}
