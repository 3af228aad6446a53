// Command vpcrc writes what the VPC resource controller itself does with a
// Windows node's pod addresses, by running its own code at the version pinned
// in this module's go.mod: the instance limits it reads (pkg/aws/vpc.Limits,
// utils.IsNitroInstance), the warm-pool configuration it derives from the
// amazon-vpc-cni ConfigMap (pool.GetWinWarmPoolConfig, with the ConfigMap
// served by a stand-in Kubernetes client), and its warm pool
// (pool.NewResourcePool, AssignResource, ReconcilePool, UpdatePool) driven
// the way its warm-resource handler and providers drive it. Its output is
// committed as testdata so the provider's Windows subnet use is checked
// against the controller's code, not a re-derivation.
//
// Usage (make windows-reference):
//
//	go run . -limits ../../internal/sizing/testdata/vpc-resource-controller-v1.8.2-windows-limits.tsv \
//	         -runs ../../internal/sizing/testdata/vpc-resource-controller-v1.8.2-windows-pool.tsv
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"

	"github.com/go-logr/logr"
	v1 "k8s.io/api/core/v1"

	"github.com/aws/amazon-vpc-resource-controller-k8s/pkg/api"
	"github.com/aws/amazon-vpc-resource-controller-k8s/pkg/aws/vpc"
	"github.com/aws/amazon-vpc-resource-controller-k8s/pkg/config"
	"github.com/aws/amazon-vpc-resource-controller-k8s/pkg/k8s"
	"github.com/aws/amazon-vpc-resource-controller-k8s/pkg/pool"
	"github.com/aws/amazon-vpc-resource-controller-k8s/pkg/utils"
	"github.com/aws/amazon-vpc-resource-controller-k8s/pkg/worker"
)

const module = "github.com/aws/amazon-vpc-resource-controller-k8s"

// configMapClient serves one amazon-vpc-cni ConfigMap; the controller calls
// nothing else of the Kubernetes client on these paths.
type configMapClient struct {
	k8s.K8sWrapper
	data map[string]string
}

func (c configMapClient) GetConfigMap(name, namespace string) (*v1.ConfigMap, error) {
	if name != config.VpcCniConfigMapName || namespace != config.KubeSystemNamespace {
		return nil, fmt.Errorf("unexpected ConfigMap %s/%s", namespace, name)
	}
	return &v1.ConfigMap{Data: c.data}, nil
}

// setting is one amazon-vpc-cni ConfigMap: prefix delegation and the three
// Windows warm targets, nil meaning the key is absent.
type setting struct {
	pd                       bool
	warmIP, minIP, warmPrefx *int
	legacy                   bool // the deprecated un-prefixed keys
	// manifest adds the un-prefixed keys the VPC CNI manifest and Helm chart
	// write (warm-ip-target "1", minimum-ip-target "3", warm-prefix-target
	// "0") beside the windows-* keys.
	manifest bool
}

func (s setting) data() map[string]string {
	d := map[string]string{config.EnableWindowsIPAMKey: "true", config.EnableWindowsPrefixDelegationKey: strconv.FormatBool(s.pd)}
	put := func(winKey, legacyKey string, v *int) {
		if v == nil {
			return
		}
		k := winKey
		if s.legacy {
			k = legacyKey
		}
		d[k] = strconv.Itoa(*v)
	}
	put(config.WinWarmIPTarget, config.WarmIPTarget, s.warmIP)
	put(config.WinMinimumIPTarget, config.MinimumIPTarget, s.minIP)
	put(config.WinWarmPrefixTarget, config.WarmPrefixTarget, s.warmPrefx)
	if s.manifest {
		d[config.WarmIPTarget], d[config.MinimumIPTarget], d[config.WarmPrefixTarget] = "1", "3", "0"
	}
	return d
}

func cell(v *int) string {
	if v == nil {
		return "-"
	}
	return strconv.Itoa(*v)
}

func ptr(v int) *int { return &v }

func settings() []setting {
	n := (*int)(nil)
	var out []setting
	for _, pd := range []bool{false, true} {
		for _, t := range [][3]*int{
			{n, n, n}, {ptr(0), n, n}, {ptr(0), ptr(0), ptr(0)}, {ptr(1), ptr(0), n}, {ptr(1), n, n}, {ptr(5), n, n},
			{n, ptr(1), n}, {n, ptr(10), n}, {n, ptr(20), n}, {ptr(1), ptr(3), n}, {ptr(5), ptr(10), n}, {ptr(15), ptr(10), n},
			{ptr(3), ptr(1), n}, {ptr(7), ptr(20), n}, {n, n, ptr(1)}, {n, n, ptr(2)}, {n, n, ptr(3)}, {ptr(5), n, ptr(2)},
			{n, ptr(20), ptr(2)}, {ptr(0), ptr(0), ptr(2)}, {n, n, ptr(0)}, {ptr(16), n, n}, {ptr(40), ptr(3), n},
		} {
			out = append(out, setting{pd: pd, warmIP: t[0], minIP: t[1], warmPrefx: t[2]})
		}
		out = append(out, setting{pd: pd, warmIP: ptr(5), minIP: ptr(10), legacy: true},
			setting{pd: pd, warmIP: ptr(5), minIP: ptr(10), warmPrefx: ptr(2), manifest: true})
	}
	return out
}

// types are the instance types the pool runs cover: Nitro types of several
// secondary-IP counts, Xen types, and bare metal.
var types = []string{"t3.medium", "m5.large", "m5.xlarge", "m5.8xlarge", "c5.18xlarge", "t2.medium", "m4.large", "m5.metal"}

// capacity is the controller's node capacity for a Windows node, as both
// providers compute it (pkg/provider/ip and pkg/provider/prefix getCapacity:
// IPv4PerInterface - 1 on Windows; times 16 in prefix mode).
func capacity(instanceType string, prefix bool) int {
	limits, ok := vpc.Limits[instanceType]
	if !ok {
		return 0
	}
	c := limits.IPv4PerInterface - 1
	if prefix {
		c *= pool.NumIPv4AddrPerPrefix
	}
	return c
}

// result is a node's pool once its pods are placed and the pool settled.
type result struct {
	mode                string
	capacity            int
	warmIP, minIP, wpt  int
	secondary, prefixes int
	failed              int // first pod that never got an address; 0 = none
}

// runNode builds the pool the controller builds for a Windows node of the
// given type under the ConfigMap, places pods one by one as the warm-resource
// handler does (AssignResource; on an error, ReconcilePool and retry), runs
// every job the pool submits as the provider does (create -> new addresses or
// prefixes -> UpdatePool; delete -> UpdatePool), and settles the pool.
func runNode(instanceType string, s setting, pods int) (result, error) {
	wrapper := api.Wrapper{K8sAPI: configMapClient{data: s.data()}}
	// The providers: the prefix provider takes Windows nodes that are Nitro
	// (IsInstanceSupported), the secondary-IP provider all others, and with
	// prefix delegation on a non-Nitro node it stays active with
	// GetWinWarmPoolConfig(isCurrPDEnabled && isNitroInstance).
	nitro, err := utils.IsNitroInstance(instanceType)
	if err != nil {
		return result{}, err
	}
	prefix := s.pd && nitro
	cfg := pool.GetWinWarmPoolConfig(logr.Discard(), wrapper, prefix)
	c := capacity(instanceType, prefix)
	p := pool.NewResourcePool(logr.Discard(), cfg, map[string]pool.Resource{}, map[string][]pool.Resource{}, "node", c, prefix)
	r := result{mode: "secondary", capacity: c}
	if prefix {
		r.mode = "prefix"
	}
	next := 0
	process := func(job *worker.WarmPoolJob) error {
		for guard := 0; job.Operations != worker.OperationReconcileNotRequired; guard++ {
			if guard > 10000 {
				return errors.New("pool does not settle")
			}
			switch job.Operations {
			case worker.OperationCreate:
				job.Resources = nil
				for range job.ResourceCount {
					if prefix {
						job.Resources = append(job.Resources, fmt.Sprintf("10.%d.%d.%d/28", next/4096, next/16%256, next%16*16))
					} else {
						job.Resources = append(job.Resources, fmt.Sprintf("10.%d.%d.%d", next/65536, next/256%256, next%256))
					}
					next++
				}
				p.UpdatePool(job, true, true)
			case worker.OperationDeleted:
				job.Resources = nil // all deleted
				p.UpdatePool(job, true, true)
			default:
				return fmt.Errorf("unexpected job %v", job.Operations)
			}
			job = p.ReconcilePool()
		}
		return nil
	}
	if err := process(p.ReconcilePool()); err != nil {
		return r, err
	}
	failed, err := placePods(p, pods, process)
	if err != nil {
		return r, err
	}
	r.failed = failed
	if err := process(p.ReconcilePool()); err != nil {
		return r, err
	}
	if r.secondary, r.prefixes, err = held(p); err != nil {
		return r, err
	}
	if !prefix {
		r.prefixes = 0
	} else {
		r.secondary = 0
	}
	r.warmIP, r.minIP, r.wpt = cfg.WarmIPTarget, cfg.MinIPTarget, cfg.WarmPrefixTarget
	return r, nil
}

// placePods places pods one by one as the warm-resource handler does:
// AssignResource, and on an error ReconcilePool (running its jobs) and retry.
// It returns the first pod that never gets an address (0 = none).
func placePods(p pool.Pool, pods int, process func(*worker.WarmPoolJob) error) (int, error) {
	for i := 1; i <= pods; i++ {
		for attempt := 0; ; attempt++ {
			_, reconcile, err := p.AssignResource(fmt.Sprintf("pod-%d", i))
			if reconcile {
				if perr := process(p.ReconcilePool()); perr != nil {
					return 0, perr
				}
			}
			if err == nil {
				break
			}
			if attempt == 2 {
				return i, nil
			}
		}
	}
	return 0, nil
}

// held counts the addresses the pool holds (used and warm) and the resource
// groups (prefixes) they come from.
func held(p pool.Pool) (addresses, groups int, err error) {
	state := p.Introspect()
	seen := map[string]bool{}
	for _, res := range state.UsedResources {
		seen[res.GroupID] = true
		addresses++
	}
	for g, rs := range state.WarmResources {
		if len(rs) > 0 {
			seen[g] = true
		}
		addresses += len(rs)
	}
	if len(state.CoolingResources) > 0 {
		return 0, 0, errors.New("addresses cooling down after scale-up only")
	}
	return addresses, len(seen), nil
}

// podCounts are the pod counts run for a node: every count up to 20, and
// the counts around the secondary-IP capacity, each /28 boundary up to 128,
// kubelet's default 110 and the prefix capacity.
func podCounts(capSecondary, capPrefix int) []int {
	seen := map[int]bool{}
	var out []int
	add := func(p int) {
		if p >= 0 && p <= capPrefix+1 && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for p := 0; p <= 20; p++ {
		add(p)
	}
	for _, p := range []int{capSecondary - 1, capSecondary, capSecondary + 1, 109, 110, 111, capPrefix - 17, capPrefix - 16, capPrefix - 1, capPrefix, capPrefix + 1} {
		add(p)
	}
	for b := 32; b <= 128; b += 16 {
		add(b - 1)
		add(b)
		add(b + 1)
	}
	sort.Ints(out)
	return out
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == module {
				return d.Version
			}
		}
	}
	return "unknown"
}

func create(name string) (io.Writer, func()) {
	if name == "" {
		return os.Stdout, func() {}
	}
	f, err := os.Create(name)
	if err != nil {
		log.Fatal(err)
	}
	return f, func() {
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
}

func main() {
	limitsOut := flag.String("limits", "", "per-type limits TSV (default stdout)")
	runsOut := flag.String("runs", "", "pool runs TSV (default stdout)")
	flag.Parse()
	v := version()

	w, done := create(*limitsOut)
	fmt.Fprintf(w, "# %s %s: pkg/aws/vpc.Limits, utils.IsNitroInstance, getCapacity for os windows\n", module, v)
	fmt.Fprintln(w, "instance_type\tipv4_per_interface\tnitro\tsecondary_capacity\tprefix_capacity")
	names := make([]string, 0, len(vpc.Limits))
	for name := range vpc.Limits {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		nitro, err := utils.IsNitroInstance(name)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(w, "%s\t%d\t%t\t%d\t%d\n", name, vpc.Limits[name].IPv4PerInterface, nitro, capacity(name, false), capacity(name, true))
	}
	done()

	w, done = create(*runsOut)
	fmt.Fprintf(w, "# %s %s: pool.GetWinWarmPoolConfig + pool.NewResourcePool driven to peak pods\n", module, v)
	fmt.Fprintln(w, strings.Join([]string{"instance_type", "prefix_delegation", "keys", "warm_ip_target", "minimum_ip_target", "warm_prefix_target", "pods",
		"mode", "capacity", "pool_warm_ip", "pool_min_ip", "pool_warm_prefix", "secondary_ips", "prefixes", "failed_pod"}, "\t"))
	for _, t := range types {
		if _, ok := vpc.Limits[t]; !ok {
			log.Fatalf("%s is not in vpc.Limits", t)
		}
		for _, s := range settings() {
			keys := "windows"
			switch {
			case s.legacy:
				keys = "legacy"
			case s.manifest:
				keys = "manifest"
			}
			for _, pods := range podCounts(capacity(t, false), capacity(t, true)) {
				r, err := runNode(t, s, pods)
				if err != nil {
					log.Fatalf("%s %+v %d pods: %v", t, s, pods, err)
				}
				fmt.Fprintf(w, "%s\t%t\t%s\t%s\t%s\t%s\t%d\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", t, s.pd, keys, cell(s.warmIP), cell(s.minIP), cell(s.warmPrefx), pods,
					r.mode, r.capacity, r.warmIP, r.minIP, r.wpt, r.secondary, r.prefixes, r.failed)
			}
		}
	}
	done()
}
