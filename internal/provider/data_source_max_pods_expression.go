package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
	"github.com/ekssize/terraform-provider-ekssize/internal/nodeadm"
	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var _ datasource.DataSource = (*maxPodsExpressionDataSource)(nil)

// NewMaxPodsExpressionDataSource is the ekssize_max_pods_expression data source.
func NewMaxPodsExpressionDataSource() datasource.DataSource { return &maxPodsExpressionDataSource{} }

type maxPodsExpressionDataSource struct{}

type maxPodsExpressionModel struct {
	InstanceTypes types.List `tfsdk:"instance_types"`
	networkingModel
	maxPodsExpressionResults
}

type maxPodsExpressionResults struct {
	Expression     types.String `tfsdk:"expression"`
	Values         types.Map    `tfsdk:"values"`
	NodeadmVersion types.String `tfsdk:"nodeadm_version"`
	DataVersion    types.String `tfsdk:"data_version"`
}

// maxPodsExpressionValueAttrs are the attributes of each element of values.
func maxPodsExpressionValueAttrs() map[string]schema.Attribute {
	num := func(d string) schema.Attribute { return schema.Int64Attribute{Computed: true, MarkdownDescription: d} }
	return map[string]schema.Attribute{
		"max_pods": num("This provider's `max_pods` for the type under the networking settings (as `ekssize_max_pods` computes " +
			"it), which the expression gives on it in nodeadm."),
		"kube_reserved_memory_mib": num("The kube-reserved memory nodeadm computes from it: 11 x max_pods + 255 MiB."),
		"default_enis":             num("nodeadm's `default_enis` variable for the type."),
		"ips_per_eni":              num("nodeadm's `ips_per_eni` variable for the type."),
		"nodeadm_default_max_pods": num("nodeadm's default for the type without an expression (its `max_pods` variable)."),
		"in_nodeadm_table": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether nodeadm's embedded table has the " +
			"type (if not, nodeadm asks EC2 at boot, and the VPC CNI table's limits were used)."},
		"formula": schema.StringAttribute{Computed: true, MarkdownDescription: "How `max_pods` was derived, as `ekssize_max_pods` " +
			"writes it."},
	}
}

var maxPodsExpressionValueType = objectTypeOf(maxPodsExpressionValueAttrs())

func (d *maxPodsExpressionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_max_pods_expression"
}

// maxPodsExpressionDescription says what the data source and the function answer.
const maxPodsExpressionDescription = "One nodeadm `maxPodsExpression` (AL2023 NodeConfig `spec.kubelet.maxPodsExpression`) that " +
	"gives every listed instance type exactly the `max_pods` `ekssize_max_pods` computes for it under the networking settings, " +
	"for a NodeConfig shared by a mixed managed node group or by every type a Karpenter NodePool allows. The expression is " +
	"the rule written over nodeadm's variables (`max_pods` or the ENI arithmetic over `default_enis` and `ips_per_eni`, times " +
	"16 for prefixes), one cap as a ternary when one cap value fits all types, and a leading condition on `default_enis` and " +
	"`ips_per_eni` for each type the rule over nodeadm's variables misses (an EKS cap of 110 beside one of 250, a Xen type " +
	"among Nitro types with prefix delegation, a type whose nodeadm data differ from the VPC CNI's, `pods_per_core`). Before " +
	"it is returned it is evaluated as nodeadm does (cel-go v0.29.2, nodeadm's instance data at amazon-eks-ami 81fec2e8) on " +
	"every listed type and must give each its value.\n\n" +
	"nodeadm gives an expression only `default_enis`, `ips_per_eni` and `max_pods`, and no vCPU count, so two types with the " +
	"same `default_enis` and `ips_per_eni` always get the same value: when the settings give them different max pods (for " +
	"example the EKS cap, 110 up to 30 vCPUs and 250 above, for `m5.4xlarge` and `m5.8xlarge` with prefix delegation, or " +
	"prefix delegation on `c4.large` (Xen) beside `m5.large`), no expression exists and this is an error naming both types " +
	"and why. Use one NodeConfig per group of types, or `max_pods_limit` to make their values agree."

func (d *maxPodsExpressionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: maxPodsExpressionDescription,
		Attributes: mergeAttributes(networkingAttributes(), map[string]schema.Attribute{
			"instance_types": schema.ListAttribute{
				ElementType: types.StringType,
				Required:    true,
				MarkdownDescription: "The instance types that share the NodeConfig, from the embedded table, each once (a managed " +
					"node group's `instance_types`, a NodePool's allowed types).",
			},
			"expression": schema.StringAttribute{Computed: true, MarkdownDescription: "The `maxPodsExpression`, such as " +
				"`(max_pods - 2) * 16 + 2 > 110 ? 110 : (max_pods - 2) * 16 + 2` for prefix delegation on types up to 30 vCPUs."},
			"values": schema.MapNestedAttribute{
				Computed:            true,
				MarkdownDescription: "What each listed type gets, keyed by instance type.",
				NestedObject:        schema.NestedAttributeObject{Attributes: maxPodsExpressionValueAttrs()},
			},
			"nodeadm_version": schema.StringAttribute{Computed: true, MarkdownDescription: "The nodeadm the expression was checked " +
				"with: `amazon-eks-ami@81fec2e8+cel-go-v0.29.2`."},
			"data_version": dataVersionAttribute(),
		}),
	}
}

func (d *maxPodsExpressionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m maxPodsExpressionModel
	readAnswer(ctx, req, resp, &m, func(d *diag.Diagnostics) bool { return m.compute(ctx, d) })
}

// instances converts instance_types through the table lookup, reporting a
// null or unknown name as an error on its element.
func instancesOf(ctx context.Context, list types.List) ([]ec2data.Instance, error) {
	var names []types.String
	if d := list.ElementsAs(ctx, &names, false); d.HasError() {
		return nil, &sizing.InputError{Field: sizing.FieldInstanceTypes, Msg: "instance_types must be a list of instance type names"}
	}
	insts := make([]ec2data.Instance, len(names))
	for i, n := range names {
		field := fmt.Sprintf("%s[%d]", sizing.FieldInstanceTypes, i)
		if n.IsNull() {
			return nil, &sizing.InputError{Field: field, Msg: field + " is null; give EC2 instance types such as \"m5.large\""}
		}
		// Table types only: the suggestion ends with the data sources that
		// take an instance object, which this one does not.
		in, err := sizing.TableInstance(n.ValueString())
		if err != nil {
			var ie *sizing.InputError
			if errors.As(err, &ie) {
				return nil, &sizing.InputError{Field: field, Msg: ie.Msg}
			}
			return nil, err
		}
		insts[i] = in
	}
	return insts, nil
}

// answer runs the core for the model: the conversion, then
// sizing.MaxPodsExpression. The function calls it too.
func (m *maxPodsExpressionModel) answer(ctx context.Context) (sizing.MaxPodsExpressionResult, []sizing.Warning, error) {
	insts, err := instancesOf(ctx, m.InstanceTypes)
	if err != nil {
		return sizing.MaxPodsExpressionResult{}, nil, err
	}
	return sizing.MaxPodsExpression(insts, m.toCore())
}

// compute answers the model's question into its results, reporting problems
// as diagnostics; false when there is no answer.
func (m *maxPodsExpressionModel) compute(ctx context.Context, diags *diag.Diagnostics) bool {
	res, warns, err := m.answer(ctx)
	addCoreWarnings(diags, warns)
	if err != nil {
		addCoreError(diags, "No maxPodsExpression for these instance types", err)
		return false
	}
	m.setResults(res)
	return true
}

func (m *maxPodsExpressionModel) setResults(res sizing.MaxPodsExpressionResult) {
	values := make(map[string]attr.Value, len(res.Values))
	for _, v := range res.Values {
		values[v.InstanceType] = types.ObjectValueMust(maxPodsExpressionValueType.AttrTypes, map[string]attr.Value{
			"max_pods":                 types.Int64Value(int64(v.MaxPods)),
			"kube_reserved_memory_mib": types.Int64Value(v.KubeReservedMemoryMiB),
			"default_enis":             types.Int64Value(int64(v.Info.DefaultENIs)),
			"ips_per_eni":              types.Int64Value(int64(v.Info.IPsPerENI)),
			"nodeadm_default_max_pods": types.Int64Value(int64(v.NodeadmDefaultMaxPods)),
			"in_nodeadm_table":         types.BoolValue(v.InNodeadmTable),
			"formula":                  types.StringValue(v.Formula),
		})
	}
	m.Expression = types.StringValue(res.Expression)
	m.Values = types.MapValueMust(maxPodsExpressionValueType, values)
	m.NodeadmVersion = types.StringValue(nodeadm.DataVersion())
	m.DataVersion = types.StringValue(ec2data.DataVersion())
}
