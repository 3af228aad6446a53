package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = (*maxPodsExpressionFunction)(nil)

// NewMaxPodsExpressionFunction is provider::ekssize::max_pods_expression.
func NewMaxPodsExpressionFunction() function.Function { return &maxPodsExpressionFunction{} }

type maxPodsExpressionFunction struct{}

var maxPodsExpressionOptionSet = newFuncOptions(networkingAttributes(), strictAttributes())

// maxPodsExpressionOptions are its options: the networking attributes and strict.
type maxPodsExpressionOptions struct {
	networkingModel
	strictOption
}

// maxPodsExpressionReturn is the returned object: expression and values, as
// the data source has them.
var maxPodsExpressionReturn = map[string]attr.Type{
	"expression": types.StringType,
	"values":     types.MapType{ElemType: maxPodsExpressionValueType},
}

func (f *maxPodsExpressionFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "max_pods_expression"
}

func (f *maxPodsExpressionFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "One nodeadm maxPodsExpression giving each listed instance type its max pods, as ekssize_max_pods_expression",
		MarkdownDescription: "Returns `{ expression, values }` of the `ekssize_max_pods_expression` data source for " +
			"`instance_types` and the optional `options` object (the networking attributes of `ekssize_max_pods`): the same core " +
			"code, checks and messages. " + maxPodsExpressionDescription + "\n\n" + warningsPolicy +
			"\n\nAttributes of each element of `values`:\n\n" + attributesTable("Attribute", maxPodsExpressionValueAttrs()) +
			"\n\nOptions:\n\n" + maxPodsExpressionOptionSet.markdownTable(),
		Parameters: []function.Parameter{
			function.ListParameter{
				Name:        "instance_types",
				ElementType: types.StringType,
				MarkdownDescription: "The instance types that share the NodeConfig, from the embedded table, each once, such as " +
					"`[\"m5.large\", \"m5a.large\", \"m6i.large\"]`.",
			},
		},
		VariadicParameter: maxPodsExpressionOptionSet.parameter("ekssize_max_pods_expression"),
		Return:            function.ObjectReturn{AttributeTypes: maxPodsExpressionReturn},
	}
}

func (f *maxPodsExpressionFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var list types.List
	var opts []types.Dynamic
	if resp.Error = req.Arguments.Get(ctx, &list, &opts); resp.Error != nil {
		return
	}
	c := funcCall{
		dataSource: "ekssize_max_pods_expression",
		positional: map[string]int64{"instance_types": 0},
		opts:       maxPodsExpressionOptionSet, optsPos: 1, optsGiven: len(opts) > 0,
	}
	unknown := func() { resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(maxPodsExpressionReturn)) }
	if list.IsUnknown() {
		unknown()
		return
	}
	for _, e := range list.Elements() {
		if e.IsUnknown() {
			unknown()
			return
		}
	}
	var o maxPodsExpressionOptions
	if isUnknown, ferr := c.decodeOptions(ctx, opts, &o); ferr != nil || isUnknown {
		if resp.Error = ferr; ferr == nil {
			unknown()
		}
		return
	}
	c.strict = o.Strict.ValueBool()
	m := maxPodsExpressionModel{InstanceTypes: list, networkingModel: o.networkingModel}
	res, warns, err := m.answer(ctx)
	if resp.Error = c.fail(warns, err); resp.Error != nil {
		return
	}
	m.setResults(res)
	resp.Error = resp.Result.Set(ctx, types.ObjectValueMust(maxPodsExpressionReturn, map[string]attr.Value{
		"expression": m.Expression,
		"values":     m.Values,
	}))
}
