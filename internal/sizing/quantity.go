package sizing

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Quantity is a Kubernetes resource quantity that has been parsed and checked.
// Value is in base units: millicores for CPU, bytes for memory and storage,
// a plain count for inodes and PIDs. Text is the form to write into a kubelet
// configuration: the canonical Kubernetes spelling of the value.
//
// The zero Quantity means "not set".
type Quantity struct {
	Value int64
	Text  string
}

// IsSet reports whether the quantity was given or computed.
func (q Quantity) IsSet() bool { return q.Text != "" }

func (q Quantity) String() string { return q.Text }

// MiB is the value in whole mebibytes, rounded up (a byte quantity).
func (q Quantity) MiB() int64 { return ceilDiv(q.Value, mebi) }

const (
	kibi = int64(1) << 10
	mebi = int64(1) << 20
	gibi = int64(1) << 30
)

// milliCPU is a computed CPU quantity written as nodeadm and Karpenter write
// theirs: "70m", always in millicores.
func milliCPU(millicores int64) Quantity {
	return Quantity{Value: millicores, Text: strconv.FormatInt(millicores, 10) + "m"}
}

// mebiBytes is a computed byte quantity written as nodeadm and Karpenter write
// theirs: "574Mi", always in mebibytes.
func mebiBytes(mib int64) Quantity {
	return Quantity{Value: mib * mebi, Text: strconv.FormatInt(mib, 10) + "Mi"}
}

// gibiBytes is a computed byte quantity such as "1Gi".
func gibiBytes(gib int64) Quantity {
	return Quantity{Value: gib * gibi, Text: strconv.FormatInt(gib, 10) + "Gi"}
}

// Quantity kinds: they decide the unit of Value and the accepted spellings.
type quantityKind int

const (
	kindCPU   quantityKind = iota // millicores
	kindBytes                     // bytes (memory, ephemeral-storage, eviction thresholds)
	kindCount                     // inodes, PIDs
)

// What each kind accepts, in words, for error messages.
var acceptedForms = map[quantityKind]string{
	kindCPU:   `use millicores such as "70m", or cores such as "0.5" or "1"`,
	kindBytes: `use bytes with an optional binary suffix (Ki, Mi, Gi, Ti, Pi, Ei) or decimal suffix (k, M, G, T, P, E), such as "574Mi", "1Gi", "600M" or "1073741824"`,
	kindCount: `use a whole number, optionally with a suffix, such as "1000" or "10k"`,
}

var kindNoun = map[quantityKind]string{
	kindCPU:   "CPU",
	kindBytes: "byte",
	kindCount: "count",
}

// parseCPU parses a Kubernetes CPU quantity ("70m", "0.5", "1") into
// millicores. field names the input for the error.
func parseCPU(field, s string) (Quantity, error) { return parseQuantity(field, s, kindCPU) }

// parseBytes parses a Kubernetes memory or storage quantity ("574Mi", "1Gi",
// "600M", "1073741824") into bytes. field names the input for the error.
func parseBytes(field, s string) (Quantity, error) { return parseQuantity(field, s, kindBytes) }

// Suffix multipliers, as powers: binary suffixes are powers of 2, decimal ones
// powers of 10.
var binarySuffixes = map[string]uint{"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
var decimalSuffixes = map[string]int{"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}

// maxQuantity bounds every parsed value so later sums cannot overflow int64.
const maxQuantity = int64(1) << 60

// parseQuantity follows the Kubernetes quantity grammar
// (k8s.io/apimachinery/pkg/api/resource): an optional sign, a decimal number,
// then a binary suffix, a decimal suffix, or an exponent ("1e3"). Negative
// values are rejected; so are values finer than the unit (a fraction of a
// millicore or of a byte), which kubelet would silently round.
func parseQuantity(field, s string, kind quantityKind) (Quantity, error) {
	if s == "" {
		return Quantity{}, inputErr(field, "%s is empty; %s", field, acceptedForms[kind])
	}
	negative, number, suffix, ok := splitQuantity(s)
	if !ok {
		return Quantity{}, notAQuantity(field, s, kind)
	}
	value, ok := new(big.Rat).SetString(number)
	if !ok {
		return Quantity{}, notAQuantity(field, s, kind)
	}
	binary, err := applySuffix(value, suffix, field, s, kind)
	if err != nil {
		return Quantity{}, err
	}
	if negative && value.Sign() != 0 {
		return Quantity{}, inputErr(field, "%s is %q; it must not be negative", field, s)
	}
	if kind == kindCPU {
		value.Mul(value, big.NewRat(1000, 1))
	}
	if !value.IsInt() {
		return Quantity{}, finerThanUnit(field, s, suffix, kind)
	}
	whole := value.Num()
	if !whole.IsInt64() || whole.Int64() > maxQuantity {
		return Quantity{}, inputErr(field, "%s is %q, which is too large", field, s)
	}
	if kind == kindCPU {
		return Quantity{Value: whole.Int64(), Text: formatCPU(whole.Int64())}, nil
	}
	return Quantity{Value: whole.Int64(), Text: formatBytes(whole.Int64(), binary)}, nil
}

// splitQuantity splits a quantity into its sign, its number (digits with an
// optional fraction, or a fraction alone, at most 40 characters) and its
// suffix; ok is false when there is no number.
func splitQuantity(s string) (negative bool, number, suffix string, ok bool) {
	body := s
	switch body[0] {
	case '-':
		negative, body = true, body[1:]
	case '+':
		body = body[1:]
	}
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	end := 0
	for end < len(body) && isDigit(body[end]) {
		end++
	}
	digits := end
	if end < len(body) && body[end] == '.' {
		end++
		for end < len(body) && isDigit(body[end]) {
			end++
			digits++
		}
	}
	if digits == 0 || end > 40 {
		return false, "", "", false
	}
	return negative, body[:end], body[end:], true
}

// applySuffix multiplies value by what suffix stands for: a binary suffix
// (binary is then true), a decimal suffix, or an exponent such as "e3".
func applySuffix(value *big.Rat, suffix, field, s string, kind quantityKind) (binary bool, err error) {
	if power, ok := binarySuffixes[suffix]; ok {
		value.Mul(value, new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), power)))
		return true, nil
	}
	if power, ok := decimalSuffixes[suffix]; ok {
		value.Mul(value, pow10(power))
		return false, nil
	}
	if len(suffix) >= 2 && (suffix[0] == 'e' || suffix[0] == 'E') {
		exponent, err := strconv.Atoi(suffix[1:])
		if err != nil || exponent < -30 || exponent > 30 || strings.HasPrefix(suffix[1:], "+-") {
			return false, notAQuantity(field, s, kind)
		}
		value.Mul(value, pow10(exponent))
		return false, nil
	}
	if kind == kindBytes {
		if hint := suffixHint(suffix); hint != "" {
			return false, inputErr(field, "%s is %q: %s; %s", field, s, hint, acceptedForms[kind])
		}
	}
	return false, notAQuantity(field, s, kind)
}

func notAQuantity(field, s string, kind quantityKind) error {
	return inputErr(field, "%s is %q, which is not a Kubernetes %s quantity; %s", field, s, kindNoun[kind], acceptedForms[kind])
}

// finerThanUnit explains a value finer than the unit: a fraction of a
// millicore, of a byte, or of one.
func finerThanUnit(field, s, suffix string, kind quantityKind) error {
	switch kind {
	case kindCPU:
		return inputErr(field, "%s is %q, finer than one millicore; CPU quantities have millicore precision, %s", field, s, acceptedForms[kind])
	case kindBytes:
		if suffix == "m" || suffix == "u" || suffix == "n" {
			return inputErr(field, "%s is %q: the suffix %q means thousandths (milli), not mega; write \"Mi\" (mebibytes) or \"M\" (megabytes)", field, s, suffix)
		}
		return inputErr(field, "%s is %q, which is not a whole number of bytes; %s", field, s, acceptedForms[kind])
	}
	return inputErr(field, "%s is %q, which is not a whole number; %s", field, s, acceptedForms[kind])
}

// suffixHint explains common unit mistakes in byte quantities.
func suffixHint(suffix string) string {
	switch strings.ToLower(suffix) {
	case "mib", "mb", "gib", "gb", "kib", "kb", "tib", "tb", "b", "bytes":
		return fmt.Sprintf("Kubernetes writes units without \"B\" (\"Mi\" for mebibytes, \"M\" for megabytes), not %q", suffix)
	case "ki", "mi", "gi", "ti", "pi", "ei":
		return fmt.Sprintf("suffixes are case-sensitive; %q is not one, binary suffixes are written Ki, Mi, Gi, Ti, Pi, Ei", suffix)
	}
	if strings.TrimSpace(suffix) != suffix {
		return "quantities have no spaces"
	}
	return ""
}

func pow10(p int) *big.Rat {
	r := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(p))), nil))
	if p < 0 {
		r.Inv(r)
	}
	return r
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// formatCPU writes millicores the way Kubernetes canonicalises CPU: whole
// cores as a plain number ("1", "2"), anything else in millicores ("500m",
// "1500m").
func formatCPU(millicores int64) string {
	if millicores != 0 && millicores%1000 == 0 {
		return strconv.FormatInt(millicores/1000, 10)
	}
	if millicores == 0 {
		return "0"
	}
	return strconv.FormatInt(millicores, 10) + "m"
}

// formatBinaryBytes writes a byte count the way Kubernetes canonicalises a quantity
// written with a binary suffix: the largest binary suffix that divides it
// exactly ("1Gi", "574Mi", "1536Ki"), or plain bytes.
func formatBinaryBytes(bytes int64) string { return formatBytes(bytes, true) }

// formatBytes keeps the suffix family the user wrote, as Kubernetes does:
// binary input gets the largest exact binary suffix, decimal or plain input the
// largest exact decimal suffix ("600M", "1G", "1500k").
func formatBytes(v int64, binary bool) string {
	if v == 0 {
		return "0"
	}
	if binary {
		for _, s := range []struct {
			suffix string
			shift  uint
		}{{"Ei", 60}, {"Pi", 50}, {"Ti", 40}, {"Gi", 30}, {"Mi", 20}, {"Ki", 10}} {
			if v%(int64(1)<<s.shift) == 0 {
				return strconv.FormatInt(v>>s.shift, 10) + s.suffix
			}
		}
		return strconv.FormatInt(v, 10)
	}
	for _, s := range []struct {
		suffix string
		div    int64
	}{{"E", 1e18}, {"P", 1e15}, {"T", 1e12}, {"G", 1e9}, {"M", 1e6}, {"k", 1e3}} {
		if v%s.div == 0 {
			return strconv.FormatInt(v/s.div, 10) + s.suffix
		}
	}
	return strconv.FormatInt(v, 10)
}

// percentage is an eviction threshold written as a share of capacity ("10%").
// Hundredths is the percentage x 100, so "7.5%" is 750.
type percentage struct {
	Hundredths int64
	Text       string
}

// parsePercentage accepts what Karpenter's EC2NodeClass validation accepts for
// a percentage eviction threshold: 0 to 100 with at most two decimals, then
// "%". It returns ok=false when s does not end in "%".
func parsePercentage(field, s string) (p percentage, ok bool, err error) {
	num, found := strings.CutSuffix(s, "%")
	if !found {
		return percentage{}, false, nil
	}
	bad := func() error {
		return inputErr(field, "%s is %q; a percentage threshold is a number from 0 to 100 with at most two decimals, such as \"10%%\" or \"7.5%%\"", field, s)
	}
	whole, frac, hasFrac := strings.Cut(num, ".")
	if whole == "" || len(whole) > 3 || strings.Trim(whole, "0123456789") != "" {
		return percentage{}, true, bad()
	}
	if hasFrac && (frac == "" || len(frac) > 2 || strings.Trim(frac, "0123456789") != "") {
		return percentage{}, true, bad()
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f := int64(0)
	if hasFrac {
		f, _ = strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			f *= 10
		}
	}
	h := w*100 + f
	if h > 100*100 {
		return percentage{}, true, bad()
	}
	return percentage{Hundredths: h, Text: s}, true, nil
}

// ceilDiv is a / b rounded up (towards +infinity), for b > 0.
func ceilDiv[T ~int | ~int64](a, b T) T {
	if a <= 0 {
		return a / b // Go truncates towards zero, which rounds a negative quotient up
	}
	return (a + b - 1) / b
}
