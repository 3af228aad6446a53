package provider

import (
	"context"
	"encoding/json"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// FuzzFunctionOptions feeds arbitrary options arguments through the options
// decoding of every function that takes them, then through the whole
// function call. The options are JSON, with conventions for the Terraform
// values JSON lacks:
//
//	{"$args": [a, b]}          several options arguments
//	{"$map": {...}}            a map (an object when the values differ in type)
//	{"$list": [...]}           a list; {"$set": [...]} a set (tuples when the
//	                           elements differ in type)
//	"$unknown", "$unknown:number", "$unknown:bool", "$unknown:dynamic"
//	                           unknown values
//	null                       a null, as Terraform passes { key = null }
//
// Invariants: nothing panics; an unknown result comes without an error; a
// decoding error is on the options argument and starts by naming the key
// ("options.<key>" for a key the object has, or "unknown option") or the
// argument ("options is null", "options must be an object", "give at most
// one"); an error of the whole call is on an argument or names an option
// key.
func FuzzFunctionOptions(f *testing.F) {
	seeds := []struct {
		which          uint8
		instance, cidr string
		pods           int64
		options        string
	}{
		{0, "m5.large", "", 0, ``},
		{0, "m5.large", "", 0, `{"prefix_delegation": true}`},
		{0, "t3a.medium", "", 0, `{"max_eni": "2", "cap_policy": "none", "cni_version": 1}`},
		{0, "m5.large", "", 0, `{"$map": {"cap_policy": "none"}}`},
		{0, "m5.large", "", 0, `{"prefix_delegaton": true}`},
		{0, "m5.large", "", 0, `{"max_eni": 1.5, "reserved_enis": 1e30}`},
		{0, "m5.large", "", 0, `{"max_eni": "$unknown:number"}`},
		{0, "c7i.32xlarge", "", 0, `{"pods_per_core": 10}`},
		{0, "m5.large", "", 0, `3`},
		{0, "m5.large", "", 0, `null`},
		{0, "m5.large", "", 0, `{"$args": [{}, {}]}`},
		{0, "t3.large", "", 0, `{"security_groups_for_pods": "true", "os": ["windows"]}`},
		{0, "m4.large", "", 0, `{"prefix_delegation": true, "strict": true}`},
		{1, "m5.large", "10.0.0.0/28", 0, `{"reserved": {"application_load_balancers": 2}, "strict": "true"}`},
		{1, "m5.large", "10.0.0.0/24", 0, `{"reserved": {"application_load_balancers": 2}, "cluster_subnet": true}`},
		{1, "m5.large", "10.0.0.0/24", 0, `{"custom_networking": true, "pod_subnets": [{"cidr_block": "100.64.0.0/22"}]}`},
		{1, "m5.large", "10.0.0.0/24", 0, `{"prefix_delegation": true, "prefix_reservations": {"$list": ["10.0.0.0/28", "10.0.0.64/26"]}}`},
		{1, "m5.large", "10.0.0.0/28", 0, `{"reserved": {"albs": 2}, "available_ip_address_count": "$unknown"}`},
		{1, "m5.large", "10.0.0.0/24", 0, `{"pod_subnets": {"$set": [{"cidr_block": "10.1.0.0/24", "name": null}]}, "reserved": "none"}`},
		{2, "m5.large", "", 27, `{"warm_ip_target": 2, "minimum_ip_target": 10}`},
		{2, "m5.large", "", 100, `{"prefix_delegation": true, "warm_prefix_target": 0, "max_pods": 110}`},
		{2, "m5.2xlarge", "", 10, `{"security_groups_for_pods": true, "branch_pods_per_node": 3}`},
		{3, "m5.large", "", 0, `{"kube_reserved": {"cpu": "100m", "memory": "1Gi"}, "kube_reserved_basis": "eni"}`},
		{3, "m5.large", "", 0, `{"kube_reserved": {"cpu": "$unknown"}, "max_pods": "40"}`},
		{3, "m5.large", "", 0, `{"kube_reserved": {"$map": {"cpu": "lots"}}, "eviction_hard": {}}`},
	}
	for _, s := range seeds {
		f.Add(s.which, s.instance, s.cidr, s.pods, s.options)
	}
	type call struct {
		name   string
		newF   func() function.Function
		opts   funcOptions
		target func() any
	}
	calls := []call{
		{"max_pods", NewMaxPodsFunction, maxPodsOptionSet, func() any { return &maxPodsOptions{} }},
		{"subnet_max_nodes", NewSubnetMaxNodesFunction, subnetMaxNodesOptionSet, func() any { return &subnetMaxNodesOptions{} }},
		{"node_ips", NewNodeIPsFunction, nodeIPsOptionSet, func() any { return &nodeIPsOptions{} }},
		{"kube_reserved", NewKubeReservedFunction, kubeReservedOptionSet, func() any { return &kubeReservedOptions{} }},
	}
	decodeProblem := regexp.MustCompile(`^(options\.([a-z_]+)[.\[:]|unknown option "|options is null;|options must be an object |give at most one options object)`)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, which uint8, instance, cidr string, pods int64, options string) {
		c := calls[int(which)%len(calls)]
		var args []attr.Value
		if options != "" {
			var ok bool
			if args, ok = optionsArgs(ctx, options); !ok {
				return
			}
		}
		dyn := make([]types.Dynamic, len(args))
		variadic := make([]attr.Value, len(args))
		for i, a := range args {
			dyn[i] = asDynamic(a)
			variadic[i] = dyn[i]
		}
		positional := []attr.Value{str(instance)}
		switch c.name {
		case "subnet_max_nodes":
			positional = []attr.Value{str(cidr), str(instance)}
		case "node_ips":
			positional = append(positional, i64(pods))
		}
		pos := int64(len(positional))

		unknown, ferr := c.opts.decode(ctx, pos, dyn, c.target())
		checkDecodeError(t, c.name, c.opts, pos, dyn, unknown, ferr, decodeProblem)
		got, cerr := callFunction(t, c.newF(), positional, variadic...)
		checkCallAgreesWithDecode(t, c.name, pos, unknown, ferr, got, cerr)
	})
}

// checkDecodeError: a decoding error is not unknown, is on the options
// argument, and names a given valid key or the argument.
func checkDecodeError(t *testing.T, name string, opts funcOptions, pos int64, dyn []types.Dynamic, unknown bool, ferr *function.FuncError, decodeProblem *regexp.Regexp) {
	t.Helper()
	if ferr == nil {
		return
	}
	if unknown {
		t.Fatalf("%s: decode is unknown and fails: %s", name, ferr.Text)
	}
	if ferr.FunctionArgument == nil || (*ferr.FunctionArgument != pos && *ferr.FunctionArgument != pos+1) {
		t.Fatalf("%s: decode error %q is not on the options argument (%v)", name, ferr.Text, ferr.FunctionArgument)
	}
	m := decodeProblem.FindStringSubmatch(ferr.Text)
	if m == nil {
		t.Fatalf("%s: decode error %q names neither a key nor the argument", name, ferr.Text)
	}
	if key := m[2]; key != "" {
		given, _ := elementsOf(dyn[0].UnderlyingValue())
		if _, ok := given[key]; !ok || !opts.has(key) {
			t.Fatalf("%s: decode error %q names %q, which is not a given valid key", name, ferr.Text, key)
		}
	}
}

// checkCallAgreesWithDecode: the call's error is on an argument or names an
// option, is the decoding error where decoding fails, and an answer is
// unknown exactly when decoding says so.
func checkCallAgreesWithDecode(t *testing.T, name string, pos int64, unknown bool, ferr *function.FuncError, got attr.Value, cerr *function.FuncError) {
	t.Helper()
	switch {
	case cerr != nil:
		if cerr.FunctionArgument == nil && !strings.HasPrefix(cerr.Text, "options.") {
			t.Fatalf("%s: error %q is on no argument and names no option", name, cerr.Text)
		}
		if ferr != nil && cerr.FunctionArgument != nil && *cerr.FunctionArgument >= pos && cerr.Text != ferr.Text {
			t.Fatalf("%s: the call fails with %q, the decoding with %q", name, cerr.Text, ferr.Text)
		}
	case ferr != nil:
		t.Fatalf("%s: decoding fails (%s) but the call returns %v", name, ferr.Text, got)
	case unknown != got.IsUnknown():
		t.Fatalf("%s: decode unknown = %v, result %v", name, unknown, got)
	case got.IsNull():
		t.Fatalf("%s: null result without an error", name)
	}
}

// asDynamic wraps a value as Terraform passes a dynamic argument.
func asDynamic(v attr.Value) types.Dynamic {
	if d, ok := v.(types.Dynamic); ok {
		return d
	}
	return types.DynamicValue(v)
}

// optionsArgs parses the fuzz input into options arguments (see
// FuzzFunctionOptions); false when it is not JSON.
func optionsArgs(ctx context.Context, s string) ([]attr.Value, bool) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil || dec.More() {
		return nil, false
	}
	if m, ok := raw.(map[string]any); ok && len(m) == 1 {
		if list, ok := m["$args"].([]any); ok {
			out := make([]attr.Value, 0, len(list))
			for _, e := range list {
				v, ok := jsonAttr(ctx, e)
				if !ok {
					return nil, false
				}
				out = append(out, v)
			}
			return out, true
		}
	}
	v, ok := jsonAttr(ctx, raw)
	return []attr.Value{v}, ok
}

func jsonAttr(ctx context.Context, raw any) (attr.Value, bool) {
	switch x := raw.(type) {
	case nil:
		return types.DynamicNull(), true
	case bool:
		return types.BoolValue(x), true
	case json.Number:
		return jsonNumber(x)
	case string:
		return jsonString(x), true
	case []any:
		elems, ok := jsonAttrs(ctx, x)
		if !ok {
			return nil, false
		}
		return tuple(elems...), true
	case map[string]any:
		return jsonObject(ctx, x)
	}
	return nil, false
}

func jsonNumber(x json.Number) (attr.Value, bool) {
	f, _, err := big.ParseFloat(x.String(), 10, 512, big.ToNearestEven)
	// Numbers beyond about 1e±1200 are left out: converting one to a
	// string option writes it in full as Terraform does, which takes
	// minutes, and Terraform itself hangs on such a literal before it
	// calls any provider. (A string such as "1e-99999999" is no problem
	// for Terraform and is fuzzed.)
	if err != nil || f.IsInf() || f.MantExp(nil) > 4096 || f.MantExp(nil) < -4096 {
		return nil, false
	}
	return types.NumberValue(f), true
}

// jsonString is a string, or an unknown value for "$unknown[:type]".
func jsonString(x string) attr.Value {
	switch x {
	case "$unknown":
		return types.StringUnknown()
	case "$unknown:number":
		return types.NumberUnknown()
	case "$unknown:bool":
		return types.BoolUnknown()
	case "$unknown:dynamic":
		return types.DynamicUnknown()
	}
	return types.StringValue(x)
}

// jsonObject is an object literal, or a collection for {"$map": {...}},
// {"$list": [...]} and {"$set": [...]}.
func jsonObject(ctx context.Context, x map[string]any) (attr.Value, bool) {
	if len(x) == 1 {
		for kind, inner := range x {
			switch kind {
			case "$map":
				if m, ok := inner.(map[string]any); ok {
					return jsonCollection(ctx, kind, m)
				}
			case "$list", "$set":
				if l, ok := inner.([]any); ok {
					return jsonCollection(ctx, kind, l)
				}
			}
		}
	}
	vals := make(map[string]attr.Value, len(x))
	for k, e := range x {
		v, ok := jsonAttr(ctx, e)
		if !ok {
			return nil, false
		}
		vals[k] = v
	}
	return lit(vals), true
}

func jsonAttrs(ctx context.Context, raw []any) ([]attr.Value, bool) {
	out := make([]attr.Value, len(raw))
	for i, e := range raw {
		v, ok := jsonAttr(ctx, e)
		if !ok {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

// jsonCollection builds a map, list or set when the elements share one type,
// else the object or tuple Terraform would have instead.
func jsonCollection(ctx context.Context, kind string, raw any) (attr.Value, bool) {
	var elems []attr.Value
	var keys []string
	switch x := raw.(type) {
	case map[string]any:
		keys = make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			v, ok := jsonAttr(ctx, x[k])
			if !ok {
				return nil, false
			}
			elems = append(elems, v)
		}
	case []any:
		var ok bool
		if elems, ok = jsonAttrs(ctx, x); !ok {
			return nil, false
		}
	}
	var elemType attr.Type = types.StringType
	same := true
	for i, e := range elems {
		if i == 0 {
			elemType = e.Type(ctx)
		} else if !e.Type(ctx).Equal(elemType) {
			same = false
		}
	}
	if _, dynamic := elemType.(basetypes.DynamicType); dynamic {
		same = false // collections of dynamic values are not what Terraform sends
	}
	switch {
	case kind == "$map" && same:
		m := make(map[string]attr.Value, len(keys))
		for i, k := range keys {
			m[k] = elems[i]
		}
		return types.MapValueMust(elemType, m), true
	case kind == "$map":
		m := make(map[string]attr.Value, len(keys))
		for i, k := range keys {
			m[k] = elems[i]
		}
		return lit(m), true
	case kind == "$list" && same:
		return types.ListValueMust(elemType, elems), true
	case kind == "$set" && same:
		return types.SetValueMust(elemType, elems), true
	}
	return tuple(elems...), true
}

// TestOptionsArgs checks the fuzz input conventions themselves.
func TestOptionsArgs(t *testing.T) {
	ctx := context.Background()
	args, ok := optionsArgs(ctx, `{"$args": [{"a": {"$map": {"x": 1, "y": 2}}}, {"b": {"$list": ["p", "$unknown"]}, "c": null}]}`)
	if !ok || len(args) != 2 {
		t.Fatalf("args %v, %v", args, ok)
	}
	a, _ := elementsOf(args[0])
	if _, isMap := a["a"].(basetypes.MapValue); !isMap {
		t.Errorf("$map gave %T", a["a"])
	}
	b, _ := elementsOf(args[1])
	if l, isList := b["b"].(basetypes.ListValue); !isList || !l.Elements()[1].IsUnknown() {
		t.Errorf("$list gave %v", b["b"])
	}
	if !b["c"].IsNull() {
		t.Errorf("null gave %v", b["c"])
	}
	if _, ok := optionsArgs(ctx, `{"a": 1} x`); ok {
		t.Error("trailing text accepted")
	}
	if v, ok := optionsArgs(ctx, `{"$map": {"x": 1, "y": "s"}}`); !ok {
		t.Error("mixed map rejected")
	} else if _, isObj := v[0].(basetypes.ObjectValue); !isObj {
		t.Errorf("mixed $map gave %T, want an object", v[0])
	}
}
