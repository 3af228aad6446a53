package sizing

import (
	"errors"
	"math"
	"sort"
	"strings"
	"sync"
)

// Eviction signals accepted in eviction_hard: the ones Karpenter's
// EC2NodeClass spec.kubelet.evictionHard accepts, which kubelet, nodeadm and
// Bottlerocket accept too, so one map works for every consumer.
const (
	signalMemoryAvailable    = "memory.available"
	signalNodeFSAvailable    = "nodefs.available"
	signalNodeFSInodesFree   = "nodefs.inodesFree"
	signalImageFSAvailable   = "imagefs.available"
	signalImageFSInodesFree  = "imagefs.inodesFree"
	signalPIDAvailable       = "pid.available"
	FieldEvictionHard        = "eviction_hard"
	defaultEvictionMemory    = "100Mi"
	defaultEvictionNodeFS    = "10%"
	defaultEvictionInodeFree = "5%"
)

// signalKinds says how each signal's non-percentage value is measured.
var signalKinds = map[string]quantityKind{
	signalMemoryAvailable:   kindBytes,
	signalNodeFSAvailable:   kindBytes,
	signalImageFSAvailable:  kindBytes,
	signalNodeFSInodesFree:  kindCount,
	signalImageFSInodesFree: kindCount,
	signalPIDAvailable:      kindCount,
}

// defaultEvictionHard is the hard eviction thresholds nodeadm (AL2023), the AL2
// AMI's kubelet-config.json and Karpenter's allocatable model all use.
func defaultEvictionHard() map[string]string {
	return map[string]string{
		signalMemoryAvailable:  defaultEvictionMemory,
		signalNodeFSAvailable:  defaultEvictionNodeFS,
		signalNodeFSInodesFree: defaultEvictionInodeFree,
	}
}

// threshold is one parsed eviction threshold: a percentage of capacity or an
// absolute quantity.
type threshold struct {
	Percent  *percentage
	Quantity Quantity
}

// Text is the threshold as kubelet is given it ("10%", "100Mi").
func (t threshold) Text() string {
	if t.Percent != nil {
		return t.Percent.Text
	}
	return t.Quantity.Text
}

// Of returns the amount the threshold keeps free on a resource of the given
// capacity. A percentage mirrors Karpenter's computeEvictionSignal: ceil of
// capacity / 100 x p in float64, and "100%" means the signal is disabled (0),
// as in kubelet's configuration API.
func (t threshold) Of(capacity int64) int64 {
	if t.Percent == nil {
		return t.Quantity.Value
	}
	if t.Percent.Hundredths == 100*100 {
		return 0
	}
	p := float64(t.Percent.Hundredths) / 100
	return int64(math.Ceil(float64(capacity) / 100 * p))
}

// canonicalPercent is the text a percentage threshold is rendered with.
// kubelet's parseThresholdStatement ignores a threshold only when its text is
// exactly "0%" or "100%"; any other spelling of those values ("100.00%",
// "100.0%", "0.0%", "00%") becomes a real threshold, and a real 100% threshold
// evicts every pod. Karpenter reads "100.00%" numerically as disabled but
// writes the text to kubelet unchanged. So 0 and 100 are always written in
// kubelet's exact form, in every rendering, and mean what kubelet means by
// them; other values keep the user's spelling (kubelet parses them as numbers).
func canonicalPercent(p percentage) string {
	switch p.Hundredths {
	case 0:
		return "0%"
	case 100 * 100:
		return "100%"
	}
	return p.Text
}

// EvictionPath is the attribute path of one eviction_hard entry, in the
// provider's field syntax: eviction_hard[memory.available].
func EvictionPath(signal string) string { return FieldEvictionHard + "[" + signal + "]" }

// resolveEvictionHard merges the overrides over the defaults and parses every
// value. Overrides replace a default signal's value or add a signal; the
// defaults stay otherwise (kubelet drops unset signals when given a partial
// evictionHard, so renderers always write the merged map). The result is
// read-only: without overrides it is the parsed defaults, shared.
func resolveEvictionHard(overrides map[string]string) (map[string]threshold, error) {
	if len(overrides) == 0 {
		return defaultThresholds(), nil
	}
	keys := sortedKeys(overrides)
	for _, k := range keys {
		if _, ok := signalKinds[k]; !ok {
			return nil, inputErr(EvictionPath(k), "eviction_hard has the signal %q, which is not one kubelet and Karpenter both accept; use %s", k, quoteList(sortedKeys(signalKinds)))
		}
	}
	defaults := defaultThresholds()
	out := make(map[string]threshold, len(defaults)+len(overrides))
	for k, t := range defaults {
		out[k] = t
	}
	for _, k := range keys {
		t, err := parseThreshold(k, overrides[k])
		if err != nil {
			return nil, err
		}
		out[k] = t
	}
	return out, nil
}

// defaultThresholds is defaultEvictionHard parsed, once per process.
var defaultThresholds = sync.OnceValue(func() map[string]threshold {
	out := make(map[string]threshold)
	for k, v := range defaultEvictionHard() {
		t, err := parseThreshold(k, v)
		if err != nil {
			panic("sizing: a default eviction threshold does not parse: " + err.Error())
		}
		out[k] = t
	}
	return out
})

// parseThreshold parses the value v of the eviction signal k: a percentage,
// or a quantity of the signal's kind.
func parseThreshold(k, v string) (threshold, error) {
	field := EvictionPath(k)
	p, isPct, err := parsePercentage(field, v)
	if err != nil {
		return threshold{}, err
	}
	if isPct {
		p.Text = canonicalPercent(p)
		return threshold{Percent: &p}, nil
	}
	q, err := parseQuantity(field, v, signalKinds[k])
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) && !strings.Contains(ie.Msg, "negative") {
			ie.Msg += `, or a percentage of capacity such as "10%"`
		}
		return threshold{}, err
	}
	return threshold{Quantity: q}, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ValidateEvictionHard runs NodeResources' checks of the eviction_hard
// entries on their own, for a configuration whose other inputs are not known
// yet.
func ValidateEvictionHard(overrides map[string]string) error {
	_, err := resolveEvictionHard(overrides)
	return err
}
