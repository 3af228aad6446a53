package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/nodeadm"
	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var _ function.Function = (*nodeadmMaxPodsFunction)(nil)

// NewNodeadmMaxPodsFunction is provider::ekssize::nodeadm_max_pods.
func NewNodeadmMaxPodsFunction() function.Function { return &nodeadmMaxPodsFunction{} }

type nodeadmMaxPodsFunction struct{}

// nodeadmMaxPodsOptionSet are the networking attributes of ekssize_max_pods:
// they decide what the VPC CNI can address, which nodeadm's answer is
// compared with.
var nodeadmMaxPodsOptionSet = newFuncOptions(networkingAttributes(), strictAttributes())

// nodeadmMaxPodsOptions are its options: the networking attributes and strict.
type nodeadmMaxPodsOptions struct {
	networkingModel
	strictOption
}

// nodeadmMaxPodsAttrs are the attributes of the returned object.
func nodeadmMaxPodsAttrs() map[string]schema.Attribute {
	num := func(d string) schema.Attribute { return schema.Int64Attribute{Computed: true, MarkdownDescription: d} }
	str := func(d string) schema.Attribute { return schema.StringAttribute{Computed: true, MarkdownDescription: d} }
	boolean := func(d string) schema.Attribute { return schema.BoolAttribute{Computed: true, MarkdownDescription: d} }
	return map[string]schema.Attribute{
		"max_pods": num("What nodeadm gives kubelet: the expression's value, or nodeadm's default when there is no expression or " +
			"nodeadm falls back."),
		"default_max_pods": num("nodeadm's default, `default_enis x (ips_per_eni - 1) + 2` (the `max_pods` variable of the expression)."),
		"default_enis":     num("The `default_enis` variable: ENIs on the default network card in nodeadm's data."),
		"ips_per_eni":      num("The `ips_per_eni` variable: IPv4 addresses per ENI in nodeadm's data."),
		"in_nodeadm_table": boolean("Whether nodeadm's embedded table has the type. If not, nodeadm asks EC2 DescribeInstanceTypes at " +
			"boot; the variables are then the VPC CNI table's default-card ENIs and IPv4 per ENI (what that call reports)."),
		"fallback_reason": str("Null when nodeadm uses the expression; otherwise why it falls back to `default_max_pods`: the " +
			"expression does not compile, fails to evaluate, or gives something that is not an integer, <= 0 or > 2147483647."),
		"conversion": str("Null when the expression gives an int; otherwise how nodeadm converted its value (`double 14.5 " +
			"converted to 14`: CEL's int conversion truncates a double and parses a string of digits)."),
		"kube_reserved_memory_mib": num("nodeadm's kube-reserved memory for `max_pods`: 11 x max_pods + 255 MiB (in 32-bit " +
			"integers, as nodeadm computes it)."),
		"vpc_cni_max_pods": num("The pods the VPC CNI can give an IP on this type under the networking options: " +
			"`max_pods_uncapped` of `ekssize_max_pods` (secondary IPs by default; prefixes only on Nitro and bare metal)."),
		"exceeds_vpc_cni": boolean("Whether `max_pods` is more than `vpc_cni_max_pods`: pods beyond it stay in ContainerCreating, " +
			"waiting for an IP (`i7ie.48xlarge`: nodeadm's default 737, the VPC CNI 394)."),
		"nodeadm_version": str("The nodeadm this mirrors: `amazon-eks-ami@81fec2e8+cel-go-v0.29.2`."),
	}
}

var nodeadmMaxPodsTypes = objectTypeOf(nodeadmMaxPodsAttrs()).AttrTypes

func (f *nodeadmMaxPodsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "nodeadm_max_pods"
}

func (f *nodeadmMaxPodsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The max pods nodeadm (AL2023) gives kubelet for a maxPodsExpression on an instance type",
		MarkdownDescription: "Evaluates a nodeadm `maxPodsExpression` exactly as nodeadm does at amazon-eks-ami 81fec2e8 (2026-07-23): " +
			"with the CEL library and version nodeadm pins (github.com/google/cel-go v0.29.2), its three int variables " +
			"(`default_enis`, `ips_per_eni`, `max_pods`) from nodeadm's own embedded instance data, and its fallbacks (an expression " +
			"that does not compile, fails, or gives a non-integer, <= 0 or > 2147483647 gives nodeadm's default). Values were checked " +
			"against nodeadm's own code for every type of its table. An empty or null expression gives nodeadm's default.\n\n" +
			"Falling back is what nodeadm does, so it is an answer, not an error: `fallback_reason` says why. Where the " +
			"`ekssize_node_config` data source warns that nodeadm allows more pods than the VPC CNI can address, the function " +
			"returns `exceeds_vpc_cni = true`, also with `strict = true`. The options' own warnings (prefix delegation on a Xen type, " +
			"...) follow the policy below; `cap_policy`, `max_pods_limit` and `pods_per_core` are validated but change nothing (nodeadm applies " +
			"no cap, and what the VPC CNI can address is the uncapped arithmetic). Unknown arguments give an unknown result.\n\n" + warningsPolicy +
			"\n\nAttributes of the returned object:\n\n" +
			attributesTable("Attribute", nodeadmMaxPodsAttrs()) +
			"\n\nOptions (each as the `ekssize_max_pods` attribute of the same name):\n\n" + nodeadmMaxPodsOptionSet.markdownTable(),
		Parameters: []function.Parameter{
			instanceTypeParameter(),
			function.StringParameter{
				Name:           "expression",
				AllowNullValue: true,
				MarkdownDescription: "The `maxPodsExpression` (nodeadm NodeConfig `spec.kubelet.maxPodsExpression`), a CEL " +
					"expression over `default_enis`, `ips_per_eni` and `max_pods`, such as `max_pods > 110 ? 110 : max_pods`. " +
					"Empty or null: no expression. On OpenTofu (1.8 to 1.12) give `\"\"`: OpenTofu sends a null argument in a form the " +
					"plugin framework cannot decode (\"DynamicValue had no JSON or msgpack data set\"), before the provider sees it.",
			},
		},
		VariadicParameter: nodeadmMaxPodsOptionSet.parameter("ekssize_max_pods"),
		Return:            function.ObjectReturn{AttributeTypes: nodeadmMaxPodsTypes},
	}
}

func (f *nodeadmMaxPodsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var name, expr types.String
	var opts []types.Dynamic
	if resp.Error = req.Arguments.Get(ctx, &name, &expr, &opts); resp.Error != nil {
		return
	}
	c := funcCall{
		dataSource: "ekssize_max_pods",
		positional: map[string]int64{"instance_type": 0, sizing.FieldMaxPodsExpression: 1},
		opts:       nodeadmMaxPodsOptionSet, optsPos: 2, optsGiven: len(opts) > 0,
	}
	unknownResult := func() { resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(nodeadmMaxPodsTypes)) }
	if name.IsUnknown() || expr.IsUnknown() {
		unknownResult()
		return
	}
	in, ferr := c.instance(0, name)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	var n nodeadmMaxPodsOptions
	if unknown, ferr := c.decodeOptions(ctx, opts, &n); ferr != nil || unknown {
		if resp.Error = ferr; ferr == nil {
			unknownResult()
		}
		return
	}
	c.strict = n.Strict.ValueBool()
	res, warns, err := sizing.NodeadmMaxPods(in, expr.ValueString(), n.toCore())
	var others []sizing.Warning
	for _, w := range warns {
		// nodeadm's fallback and the VPC CNI comparison are in the result.
		if w.Field != sizing.FieldMaxPodsExpression {
			others = append(others, w)
		}
	}
	if resp.Error = c.fail(others, err); resp.Error != nil {
		return
	}
	resp.Error = resp.Result.Set(ctx, nodeadmMaxPodsObject(res))
}

func nodeadmMaxPodsObject(res sizing.NodeadmMaxPodsResult) types.Object {
	optional := func(s string) types.String {
		if s == "" {
			return types.StringNull()
		}
		return types.StringValue(s)
	}
	return types.ObjectValueMust(nodeadmMaxPodsTypes, map[string]attr.Value{
		"max_pods":                 types.Int64Value(int64(res.MaxPods)),
		"default_max_pods":         types.Int64Value(int64(res.DefaultMaxPods)),
		"default_enis":             types.Int64Value(int64(res.Info.DefaultENIs)),
		"ips_per_eni":              types.Int64Value(int64(res.Info.IPsPerENI)),
		"in_nodeadm_table":         types.BoolValue(res.InNodeadmTable),
		"fallback_reason":          optional(res.Detail),
		"conversion":               optional(res.Converted),
		"kube_reserved_memory_mib": types.Int64Value(res.KubeReservedMemoryMiB),
		"vpc_cni_max_pods":         types.Int64Value(int64(res.VPCCNIMaxPods)),
		"exceeds_vpc_cni":          types.BoolValue(res.ExceedsVPCCNI),
		"nodeadm_version":          types.StringValue(nodeadm.DataVersion()),
	})
}
