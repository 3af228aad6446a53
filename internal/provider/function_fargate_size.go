package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var _ function.Function = (*fargateSizeFunction)(nil)

// NewFargateSizeFunction is provider::ekssize::fargate_size.
func NewFargateSizeFunction() function.Function { return &fargateSizeFunction{} }

type fargateSizeFunction struct{}

func (f *fargateSizeFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "fargate_size"
}

func fargateResultTypes() map[string]attr.Type {
	return objectTypeOf(fargatePodResultAttributes()).AttrTypes
}

// fargateContainerKeys are the keys a container object may have.
func fargateContainerKeys() []string { return slices.Sorted(maps.Keys(fargateContainerAttributes())) }

func (f *fargateSizeFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "What EKS Fargate provisions for a pod, as the ekssize_fargate_pod data source computes it",
		MarkdownDescription: "Returns the results of the `ekssize_fargate_pod` data source for the pod whose containers are " +
			"`containers`: the vCPU and memory combination Fargate rounds the pod up to, its `CapacityProvisioned` annotation " +
			"and ephemeral storage (`fargate_size([{ cpu_request = \"1\", memory_request = \"8Gi\" }]).capacity_provisioned` is " +
			"`2vCPU 9GB`: 8 GB plus Fargate's 256 MB no longer fits 1 vCPU). The same core code, validation and messages as the " +
			"data source. An unknown argument or value gives an unknown result; null is an error.\n\nAttributes of the returned " +
			"object:\n\n" + attributesTable("Attribute", fargatePodResultAttributes()),
		Parameters: []function.Parameter{
			function.DynamicParameter{
				Name: "containers",
				MarkdownDescription: "A list of objects, one per container, each with any of the `container` block's arguments of " +
					"the data source:\n\n" + attributesTable("Key", fargateContainerAttributes()) + "\nAn unknown key is an error " +
					"naming the closest valid one.",
			},
		},
		Return: function.ObjectReturn{AttributeTypes: fargateResultTypes()},
	}
}

func (f *fargateSizeFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var arg types.Dynamic
	if resp.Error = req.Arguments.Get(ctx, &arg); resp.Error != nil {
		return
	}
	res, unknown, ferr := fargateSizeCall(ctx, arg)
	switch {
	case ferr != nil:
		resp.Error = ferr
	case unknown:
		resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(fargateResultTypes()))
	default:
		resp.Error = resp.Result.Set(ctx, res)
	}
}

// fargateSizeCall decodes the containers, calls sizing.FargatePod and copies
// its result as the data source does.
func fargateSizeCall(ctx context.Context, arg types.Dynamic) (fargatePodResults, bool, *function.FuncError) {
	c := funcCall{dataSource: "ekssize_fargate_pod", positional: map[string]int64{sizing.FieldContainers: 0}}
	ms, unknown, ferr := decodeContainers(ctx, arg)
	if ferr != nil || unknown {
		return fargatePodResults{}, unknown, ferr
	}
	cs := fargateContainers(ms)
	res, err := sizing.FargatePod(cs)
	if ferr := c.fail(nil, err); ferr != nil {
		return fargatePodResults{}, false, ferr
	}
	return fargatePodResultsOf(res), false, nil
}

// decodeContainers reads a list (or tuple) of container objects, checking
// every key: Terraform converts function arguments itself only for typed
// parameters, and would drop unknown keys of an object.
func decodeContainers(ctx context.Context, arg types.Dynamic) ([]fargateContainerModel, bool, *function.FuncError) {
	v, unknown := underlyingValue(arg)
	if unknown {
		return nil, true, nil
	}
	if v == nil || v.IsNull() {
		return nil, false, function.NewArgumentFuncError(0, `containers is null; give a list of containers such as [{ cpu_request = "250m", memory_request = "512Mi" }]`)
	}
	var elems []attr.Value
	switch x := v.(type) {
	case basetypes.ListValue:
		elems = x.Elements()
	case basetypes.TupleValue:
		elems = x.Elements()
	case basetypes.SetValue:
		elems = x.Elements()
	default:
		return nil, false, function.NewArgumentFuncError(0, fmt.Sprintf(
			`containers must be a list of objects such as [{ cpu_request = "250m", memory_request = "512Mi" }], got %s`,
			withArticle(typeName(v.Type(ctx)))))
	}
	attrs := fargateContainerAttributes()
	keys := fargateContainerKeys()
	out := make([]fargateContainerModel, 0, len(elems))
	for i, e := range elems {
		where := fmt.Sprintf("container[%d]", i)
		e, unknown := underlyingValue(e)
		if unknown {
			return nil, true, nil
		}
		given, ok := elementsOf(e)
		if !ok || e.IsNull() {
			return nil, false, function.NewArgumentFuncError(0, fmt.Sprintf("%s must be an object with the keys %s", where, strings.Join(keys, ", ")))
		}
		values := map[string]attr.Value{}
		attrTypes := map[string]attr.Type{}
		for k, a := range attrs {
			attrTypes[k] = a.GetType()
			values[k] = nullOf(a.GetType())
		}
		for _, k := range slices.Sorted(maps.Keys(given)) {
			a, ok := attrs[k]
			if !ok {
				msg := fmt.Sprintf("%s: unknown key %q", where, k)
				if s := closestKey(k, keys); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				return nil, false, function.NewArgumentFuncError(0, msg+"; valid keys are "+strings.Join(keys, ", "))
			}
			cv, unknown, problem := convertOption(ctx, given[k], a.GetType(), where+"."+k)
			if problem != "" {
				return nil, false, function.NewArgumentFuncError(0, problem)
			}
			if unknown {
				return nil, true, nil
			}
			values[k] = cv
		}
		obj, diags := types.ObjectValue(attrTypes, values)
		var m fargateContainerModel
		diags.Append(obj.As(ctx, &m, basetypes.ObjectAsOptions{})...)
		if diags.HasError() {
			return nil, false, function.FuncErrorFromDiags(ctx, diags)
		}
		out = append(out, m)
	}
	return out, false, nil
}

// nullOf is the null value of a container attribute's type.
func nullOf(t attr.Type) attr.Value {
	if t.Equal(types.BoolType) {
		return types.BoolNull()
	}
	return types.StringNull()
}
