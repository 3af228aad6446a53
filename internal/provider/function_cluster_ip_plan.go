package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ function.Function = (*clusterIPPlanFunction)(nil)

// NewClusterIPPlanFunction is provider::ekssize::cluster_ip_plan.
func NewClusterIPPlanFunction() function.Function { return &clusterIPPlanFunction{} }

type clusterIPPlanFunction struct{}

// clusterIPPlanBlocks are the data source's blocks; in the function's
// argument each is a list of objects with the block's attributes.
func clusterIPPlanBlocks() map[string]map[string]schema.Attribute {
	return map[string]map[string]schema.Attribute{
		"subnet":     planSubnetAttributes(),
		"node_group": planNodeGroupAttributes(),
		"node_pool":  planNodePoolAttributes(),
	}
}

// clusterIPPlanArgument is the function's one argument: the data source's
// attributes, and its blocks as lists of objects.
var clusterIPPlanArgument = func() funcOptions {
	blocks := map[string]schema.Attribute{}
	desc := map[string]string{
		"subnet":     "The `subnet` blocks as a list of objects.",
		"node_group": "The `node_group` blocks as a list of objects.",
		"node_pool":  "The `node_pool` blocks as a list of objects.",
	}
	for name, attrs := range clusterIPPlanBlocks() {
		blocks[name] = schema.ListNestedAttribute{Optional: true, MarkdownDescription: desc[name],
			NestedObject: schema.NestedAttributeObject{Attributes: attrs}}
	}
	blocks["windows_config_map"] = schema.SingleNestedAttribute{Optional: true, MarkdownDescription: "The `windows_config_map` block " +
		"as an object. " + windowsConfigMapDescription, Attributes: windowsConfigMapAttributes()}
	return newFuncOptions(clusterIPPlanTopAttributes(), blocks)
}()

// clusterIPPlanReturnTypes is the returned object: the data source's results.
var clusterIPPlanReturnTypes = func() map[string]attr.Type {
	out := map[string]attr.Type{}
	for name, a := range clusterIPPlanResultAttributes() {
		if name != "data_version" {
			out[name] = a.GetType()
		}
	}
	return out
}()

const clusterIPPlanParamName = "plan"

func (f *clusterIPPlanFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "cluster_ip_plan"
}

func (f *clusterIPPlanFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "A whole cluster's IP plan, as the ekssize_cluster_ip_plan data source computes it",
		MarkdownDescription: "Returns the results of the `ekssize_cluster_ip_plan` data source (`fits`, `shortfall_ips`, " +
			"`availability_zones`, `subnet_results`, `groups`, `warnings`) for one object holding its arguments, with the blocks " +
			"as lists of objects: `cluster_ip_plan({ subnet = [{ name = \"a\", availability_zone = \"eu-west-1a\", cidr_block = " +
			"\"10.0.0.0/24\" }], node_group = [{ name = \"web\", instance_types = [\"m5.large\"], max_size = 6 }] })`. Made for " +
			"`variable` validation (\"do these groups fit these CIDRs\": `condition = provider::ekssize::cluster_ip_plan(...).fits`) " +
			"and preconditions. The same core code, defaults, validation and messages as the data source. Every key, at every level, " +
			"is checked: an unknown or misspelt key is an error naming it, and a block attribute the data source requires is " +
			"required here too. A short subnet is a result (`fits = false`, the reason in `warnings`), not an error, unless " +
			"`fail_on_shortfall = true`; other warnings of the data source are returned in `warnings` too. Unknown values give an " +
			"unknown result.\n\nKeys:\n\n" + clusterIPPlanArgument.markdownTable(),
		Parameters: []function.Parameter{function.DynamicParameter{Name: clusterIPPlanParamName,
			MarkdownDescription: "An object with the `ekssize_cluster_ip_plan` data source's arguments; `subnet`, `node_group` " +
				"and `node_pool` are lists of objects. Valid keys: `" + strings.Join(clusterIPPlanArgument.keys, "`, `") + "`."}},
		Return: function.ObjectReturn{AttributeTypes: clusterIPPlanReturnTypes},
	}
}

func (f *clusterIPPlanFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var arg types.Dynamic
	if resp.Error = req.Arguments.Get(ctx, &arg); resp.Error != nil {
		return
	}
	res, unknown, ferr := clusterIPPlanCall(ctx, arg)
	switch {
	case ferr != nil:
		resp.Error = ferr
	case unknown:
		resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(clusterIPPlanReturnTypes))
	default:
		resp.Error = resp.Result.Set(ctx, res)
	}
}

// clusterIPPlanCall decodes the argument into the data source's inputs and
// runs the data source's compute.
func clusterIPPlanCall(ctx context.Context, arg types.Dynamic) (types.Object, bool, *function.FuncError) {
	if arg.IsNull() || arg.IsUnderlyingValueNull() {
		return types.Object{}, false, function.NewArgumentFuncError(0, "plan is null; give an object with the ekssize_cluster_ip_plan "+
			"arguments, such as { subnet = [...], node_group = [...] }")
	}
	var in clusterIPPlanInputs
	if unknown, ferr := clusterIPPlanArgument.decode(ctx, 0, []types.Dynamic{arg}, &in); ferr != nil || unknown {
		if ferr != nil {
			// The shared decoding names the argument "options"; here it is the plan.
			ferr.Text = strings.Replace(ferr.Text, "options.", "plan.", 1)
		}
		return types.Object{}, unknown, ferr
	}
	var diags diag.Diagnostics
	res, warns, ok := in.compute(&diags)
	if !ok {
		return types.Object{}, false, planCallError(diags)
	}
	vals := planResultValues(res, warns)
	delete(vals, "data_version")
	typ := types.ObjectType{AttrTypes: clusterIPPlanReturnTypes}
	v, err := typ.ValueFromTerraform(ctx, tftypes.NewValue(typ.TerraformType(ctx), vals))
	if err != nil {
		return types.Object{}, false, function.NewFuncError("internal error: " + err.Error())
	}
	return v.(types.Object), false, nil
}

// planCallError joins the errors of the data source's compute, each prefixed
// with where it is in the argument ("plan.subnet[0].cidr_block: ...").
func planCallError(diags diag.Diagnostics) *function.FuncError {
	var out *function.FuncError
	for _, d := range diags.Errors() {
		text := strings.TrimSuffix(strings.TrimSpace(d.Detail()), ".")
		if dp, ok := d.(diag.DiagnosticWithPath); ok && !dp.Path().Equal(path.Empty()) {
			field := dp.Path().String()
			text = "plan." + field + ": " + strings.TrimPrefix(text, field+": ")
		}
		out = function.ConcatFuncErrors(out, function.NewArgumentFuncError(0, text))
	}
	return out
}
