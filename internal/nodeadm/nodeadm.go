// Package nodeadm mirrors how nodeadm, the AL2023 EKS node bootstrapper,
// decides kubelet's max pods: its embedded instance data, its default value and
// its maxPodsExpression, evaluated with the CEL library and version nodeadm
// uses. It imports no Terraform package.
//
// Mirrored source: nodeadm/internal/kubelet/eni_max_pods.go of
// github.com/awslabs/amazon-eks-ami at commit
// 81fec2e895854f599974fe4d3d72f61c0a9aaffa (2026-07-23), whose go.mod pins
// github.com/google/cel-go v0.29.2 (the version in this module's go.mod, with
// cel.dev/expr v0.25.1 and antlr v4.13.1 as nodeadm has them). At that commit:
//
//   - the default max pods is defaultMaxENIs x (ipv4AddressesPerInterface - 1) + 2,
//     in int32, uncapped;
//   - a maxPodsExpression is compiled in a CEL environment with exactly three
//     int variables, default_enis, ips_per_eni and max_pods (the default value),
//     evaluated with the instance's int32 values, and its result converted with
//     CEL's int conversion (so a double is truncated towards zero and a string
//     of digits is parsed);
//   - an expression that does not compile, fails to evaluate, cannot be
//     converted to an int, or gives a value <= 0 or > MaxInt32 logs a warning
//     and the default value is used;
//   - kube-reserved memory is 11 x maxPods + 255 MiB of the final max pods, in
//     int32.
//
// testdata/nodeadm-eval.tsv holds values produced by running nodeadm's own
// CalcMaxPods at that commit over every instance type of its table; the tests
// check this package against every row.
package nodeadm

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/interpreter"
)

// The nodeadm version this package mirrors.
const (
	SourceRepo   = "github.com/awslabs/amazon-eks-ami"
	SourceCommit = "81fec2e895854f599974fe4d3d72f61c0a9aaffa"
	SourceDate   = "2026-07-23"
	CELVersion   = "v0.29.2"
)

// The names of the variables nodeadm gives a maxPodsExpression.
const (
	VarDefaultENIs = "default_enis"
	VarIPsPerENI   = "ips_per_eni"
	VarMaxPods     = "max_pods"
)

// FailedLookupMaxPods is what nodeadm gives kubelet when it can find the
// instance type neither in its table nor through EC2 DescribeInstanceTypes
// (kubelet's own default); the expression is then not evaluated at all.
const FailedLookupMaxPods = 110

// Info is one row of nodeadm's instance data.
type Info struct {
	InstanceType string
	// DefaultENIs is defaultMaxENIs: the ENIs on the default network card.
	DefaultENIs int32
	// IPsPerENI is ipv4AddressesPerInterface.
	IPsPerENI int32
}

//go:embed instance-info.tsv
var rawTable string

var table struct {
	once  sync.Once
	rows  map[string]Info
	names []string
	err   error
}

func load() {
	table.rows = map[string]Info{}
	header := true
	for n, line := range strings.Split(strings.TrimSuffix(rawTable, "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			table.err = fmt.Errorf("nodeadm instance data line %d: %d fields", n+1, len(f))
			return
		}
		enis, err1 := strconv.ParseInt(f[1], 10, 32)
		ips, err2 := strconv.ParseInt(f[2], 10, 32)
		if err1 != nil || err2 != nil {
			table.err = fmt.Errorf("nodeadm instance data line %d: bad number", n+1)
			return
		}
		table.rows[f[0]] = Info{InstanceType: f[0], DefaultENIs: int32(enis), IPsPerENI: int32(ips)}
		table.names = append(table.names, f[0])
	}
	sort.Strings(table.names)
}

func rows() map[string]Info {
	table.once.Do(load)
	if table.err != nil {
		// The file is generated and checked by make check-generate and the tests.
		panic(table.err)
	}
	return table.rows
}

// Lookup returns nodeadm's row for an instance type; false when nodeadm's
// table lacks it (nodeadm then asks EC2 DescribeInstanceTypes at boot).
func Lookup(instanceType string) (Info, bool) {
	i, ok := rows()[instanceType]
	return i, ok
}

// InstanceTypes lists every type in nodeadm's table, sorted.
func InstanceTypes() []string {
	rows()
	return append([]string(nil), table.names...)
}

// DataVersion names the nodeadm source of the data and the evaluator.
func DataVersion() string {
	return "amazon-eks-ami@" + SourceCommit[:8] + "+cel-go-" + CELVersion
}

// DefaultMaxPods is nodeadm's value without an expression:
// defaultMaxENIs x (ipv4AddressesPerInterface - 1) + 2, computed in int32 as
// nodeadm does.
func DefaultMaxPods(i Info) int32 {
	return i.DefaultENIs*(i.IPsPerENI-1) + 2
}

// KubeReservedMemoryMiB is nodeadm's kube-reserved memory for a max pods
// value: 11 x maxPods + 255, in int32 as nodeadm computes it (so it wraps
// around for max pods above 195225764, as nodeadm's would).
func KubeReservedMemoryMiB(maxPods int32) int32 {
	return 11*maxPods + 255
}

// Why an expression's value was not used.
const (
	// ReasonCompile: the expression does not compile in nodeadm's environment.
	ReasonCompile = "does_not_compile"
	// ReasonEvaluation: evaluating it failed (integer overflow, division by zero, ...).
	ReasonEvaluation = "evaluation_error"
	// ReasonNotInteger: the result cannot be converted to an int.
	ReasonNotInteger = "not_an_integer"
	// ReasonNotPositive: the result is 0 or less.
	ReasonNotPositive = "not_positive"
	// ReasonTooLarge: the result is more than MaxInt32.
	ReasonTooLarge = "too_large"
	// ReasonCostLimit: not a nodeadm reason. Evaluation stopped at
	// MaxEvalCost, a limit nodeadm does not have, so nodeadm's answer is
	// unknown here (Result.Unevaluated).
	ReasonCostLimit = "cost_limit"
)

// MaxEvalCost bounds the CEL cost of one evaluation, so that a pathological
// expression (nested comprehensions over long lists) cannot stall a plan.
// nodeadm sets no limit; cost tracking changes no result below the limit.
// The expressions nodeadm's users write cost well under 100.
const MaxEvalCost = 1_000_000

// Result is what nodeadm gives kubelet for one instance type and expression.
type Result struct {
	// MaxPods is kubelet's maxPods: the expression's value, or the default
	// when there is no expression or nodeadm falls back.
	MaxPods int32
	// DefaultMaxPods is nodeadm's default (the max_pods variable).
	DefaultMaxPods int32
	// Fallback is true when an expression was given but its value was not
	// used; Reason (one of the Reason constants) and Detail say why.
	Fallback bool
	Reason   string
	Detail   string
	// Unevaluated is true when evaluation stopped at MaxEvalCost (Reason
	// ReasonCostLimit): nodeadm's answer is not known, MaxPods is meaningless.
	Unevaluated bool
	// Converted is set when the result was not a CEL int but nodeadm
	// converted it to one (a double truncated, a uint or a string parsed),
	// e.g. "double 9.666666666666666 converted to 9".
	Converted string
}

// Expression is a maxPodsExpression compiled once, as nodeadm compiles it at
// boot, to be evaluated for many instance types.
type Expression struct {
	text string
	prg  cel.Program
	// compileErr is set when nodeadm would not get a program from the text.
	compileErr string
}

var celEnv struct {
	once sync.Once
	env  *cel.Env
	err  error
}

// environment is nodeadm's CEL environment: the standard library and three
// int variables, nothing else. A cel.Env is safe for concurrent use.
func environment() (*cel.Env, error) {
	celEnv.once.Do(func() {
		celEnv.env, celEnv.err = cel.NewEnv(
			cel.Variable(VarDefaultENIs, cel.IntType),
			cel.Variable(VarIPsPerENI, cel.IntType),
			cel.Variable(VarMaxPods, cel.IntType),
		)
	})
	return celEnv.env, celEnv.err
}

// Compile prepares an expression the way nodeadm does. It never fails: an
// expression nodeadm cannot compile is remembered, and every evaluation of it
// falls back to the default with ReasonCompile. The empty expression means
// "no expression" (nodeadm's default value, no fallback).
func Compile(expression string) *Expression {
	e := &Expression{text: expression}
	if expression == "" {
		return e
	}
	env, err := environment()
	if err != nil {
		e.compileErr = "the CEL environment cannot be created: " + err.Error()
		return e
	}
	ast, issues := env.Compile(expression)
	if issues != nil && issues.Err() != nil {
		e.compileErr = issues.Err().Error()
		return e
	}
	prg, err := env.Program(ast, cel.CostLimit(MaxEvalCost))
	if err != nil {
		e.compileErr = "no program can be formed from it: " + err.Error()
		return e
	}
	e.prg = prg
	return e
}

// Text is the expression as given.
func (e *Expression) Text() string { return e.text }

// CompileError is why nodeadm cannot compile the expression; "" when it can.
func (e *Expression) CompileError() string { return e.compileErr }

// Eval answers what nodeadm's CalcMaxPods gives kubelet for this instance
// data: the default without an expression, the expression's value, or the
// default with the reason nodeadm falls back.
func (e *Expression) Eval(i Info) Result {
	def := DefaultMaxPods(i)
	res := Result{MaxPods: def, DefaultMaxPods: def}
	if e.text == "" {
		return res
	}
	fallback := func(reason, detail string) Result {
		res.Fallback, res.Reason, res.Detail = true, reason, detail
		return res
	}
	if e.compileErr != "" {
		return fallback(ReasonCompile, "the expression does not compile: "+e.compileErr)
	}
	// nodeadm passes its int32 fields; CEL adapts them to int.
	raw, _, err := e.prg.Eval(map[string]any{
		VarDefaultENIs: i.DefaultENIs,
		VarIPsPerENI:   i.IPsPerENI,
		VarMaxPods:     def,
	})
	var cancelled interpreter.EvalCancelledError
	if raw == nil && errors.As(err, &cancelled) && cancelled.Cause == interpreter.CostLimitExceeded {
		res.Unevaluated, res.Reason = true, ReasonCostLimit
		res.Detail = fmt.Sprintf("evaluating the expression was stopped after a CEL cost of %d (a limit of this provider, not of nodeadm, which would keep evaluating)", MaxEvalCost)
		return res
	}
	if raw == nil {
		// Only a panic inside CEL leaves no value; nodeadm itself would then
		// crash on the nil value rather than fall back.
		return fallback(ReasonEvaluation, fmt.Sprintf("evaluating the expression failed (%v); nodeadm would stop with an error", err))
	}
	if types.IsError(raw) {
		return fallback(ReasonEvaluation, fmt.Sprintf("evaluating the expression failed: %v", raw))
	}
	cast := raw.ConvertToType(cel.IntType)
	if types.IsError(cast) {
		return fallback(ReasonNotInteger, fmt.Sprintf("the result %s is not an integer (%v)", describe(raw), cast))
	}
	v, ok := cast.Value().(int64)
	if !ok {
		return fallback(ReasonNotInteger, fmt.Sprintf("the result %s is not an integer", describe(raw)))
	}
	switch {
	case v <= 0:
		return fallback(ReasonNotPositive, fmt.Sprintf("the result %d is not positive (max pods must be from 1 to %d)", v, math.MaxInt32))
	case v > math.MaxInt32:
		return fallback(ReasonTooLarge, fmt.Sprintf("the result %d is more than %d (max pods must be from 1 to %d)", v, int64(math.MaxInt32), math.MaxInt32))
	}
	if raw.Type() != types.IntType {
		res.Converted = fmt.Sprintf("%s converted to %d", describe(raw), v)
	}
	res.MaxPods = int32(v)
	return res
}

// describe names a CEL value with its type: "double 2.5", "bool true".
func describe(v ref.Val) string {
	switch x := v.Value().(type) {
	case string:
		return v.Type().TypeName() + " " + strconv.Quote(x)
	case float64:
		return v.Type().TypeName() + " " + strconv.FormatFloat(x, 'g', -1, 64)
	}
	return fmt.Sprintf("%s %v", v.Type().TypeName(), v.Value())
}
