package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var _ function.Function = (*kubeReservedFunction)(nil)

// NewKubeReservedFunction is provider::ekssize::kube_reserved.
func NewKubeReservedFunction() function.Function { return &kubeReservedFunction{} }

type kubeReservedFunction struct{}

// kubeReservedOptions are the ekssize_node_config attributes that decide
// kube-reserved: the networking settings and launch path (through max pods),
// max_pods itself, the memory basis and explicit overrides.
type kubeReservedOptions struct {
	networkingModel
	AMIFamily         types.String   `tfsdk:"ami_family"`
	MaxPods           types.Int64    `tfsdk:"max_pods"`
	KubeReservedBasis types.String   `tfsdk:"kube_reserved_basis"`
	KubeReserved      *reservedModel `tfsdk:"kube_reserved"`
	LaunchPath        types.String   `tfsdk:"launch_path"`
	strictOption
}

var kubeReservedOptionSet = newFuncOptions(
	networkingAttributes(),
	schemaAttributes(NewNodeConfigDataSource(), sizing.FieldAMIFamily, sizing.FieldMaxPods, sizing.FieldKubeReservedBasis, sizing.FieldKubeReserved, "launch_path"),
	strictAttributes(),
)

// kubeReservedResult is the returned object: the data source's kube_reserved
// quantities and its kube_reserved_cpu_millicores and kube_reserved_memory_mib.
type kubeReservedResult struct {
	CPU              types.String `tfsdk:"cpu"`
	Memory           types.String `tfsdk:"memory"`
	EphemeralStorage types.String `tfsdk:"ephemeral_storage"`
	CPUMillicores    types.Int64  `tfsdk:"cpu_millicores"`
	MemoryMiB        types.Int64  `tfsdk:"memory_mib"`
}

// kubeReservedResultAttributes documents the returned object with the data
// source's attributes it copies.
func kubeReservedResultAttributes() map[string]schema.Attribute {
	ds := NewNodeConfigDataSource()
	out := schemaAttributes(ds, "kube_reserved")["kube_reserved"].(schema.SingleNestedAttribute).Attributes
	src := schemaAttributes(ds, "kube_reserved_cpu_millicores", "kube_reserved_memory_mib")
	out["cpu_millicores"] = src["kube_reserved_cpu_millicores"]
	out["memory_mib"] = src["kube_reserved_memory_mib"]
	return out
}

func kubeReservedResultTypes() map[string]attr.Type {
	return objectTypeOf(kubeReservedResultAttributes()).AttrTypes
}

func (f *kubeReservedFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "kube_reserved"
}

func (f *kubeReservedFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "kube-reserved for a node, as the ekssize_node_config data source computes it",
		MarkdownDescription: "Returns the kube-reserved of the `ekssize_node_config` data source for `instance_type`: its " +
			"`kube_reserved` quantities (`cpu`, `memory`, `ephemeral_storage`, as rendered into the node configurations) with " +
			"`kube_reserved_cpu_millicores` and `kube_reserved_memory_mib` as `cpu_millicores` and `memory_mib`. CPU 6% of the " +
			"first core, 1% of the second, 0.5% of the third and fourth, 0.25% of the rest; memory 11 x P + 255 MiB; ephemeral " +
			"storage 1Gi (`m5.large`: `70m`, `574Mi`, `1Gi`). P follows `kube_reserved_basis`, whose default mirrors the launch " +
			"path of `ami_family`: nodeadm (the default `al2023`) and AL2 `bootstrap.sh` reserve for `eni_max_pods` (`m5.4xlarge`: " +
			"2829Mi, although it runs 110 pods), Bottlerocket for its max pods (1465Mi); Karpenter does the same per AMI family. " +
			"To reserve for the pods the node really runs (prefix delegation), pass `kube_reserved_basis = \"max_pods\"`. With " +
			"`launch_path = \"managed\"` P still follows `kube_reserved_basis`: nodeadm and AL2 keep reserving for `eni_max_pods` " +
			"(`m5.4xlarge`: 2829Mi, as nodeadm does whatever max pods EKS writes), and only Bottlerocket (or `kube_reserved_basis = " +
			"\"max_pods\"`) reserves for the max pods EKS writes; `launch_path = \"auto_mode\"` is an error (AWS publishes no " +
			"kube-reserved for Auto Mode nodes). The same core code, defaults, " +
			"validation and messages as the data source. Unknown arguments give an unknown result; null arguments are errors.\n\n" +
			warningsPolicy + "\n\nAttributes of the returned object:\n\n" + attributesTable("Attribute", kubeReservedResultAttributes()) +
			"\nOptions (each but `strict` as the data source attribute of the same name):\n\n" + kubeReservedOptionSet.markdownTable(),
		Parameters:        []function.Parameter{instanceTypeParameter()},
		VariadicParameter: kubeReservedOptionSet.parameter("ekssize_node_config"),
		Return:            function.ObjectReturn{AttributeTypes: kubeReservedResultTypes()},
	}
}

func (f *kubeReservedFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var name types.String
	var opts []types.Dynamic
	if resp.Error = req.Arguments.Get(ctx, &name, &opts); resp.Error != nil {
		return
	}
	res, unknown, ferr := kubeReservedCall(ctx, name, opts)
	switch {
	case ferr != nil:
		resp.Error = ferr
	case unknown:
		resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(kubeReservedResultTypes()))
	default:
		resp.Error = resp.Result.Set(ctx, res)
	}
}

// kubeReservedCall answers kube_reserved(instance_type, options...) with the
// data source's conversion (nodeConfigInputs.toCore), core function
// (sizing.NodeResources) and result conversion (kubeReservedOf); nothing is
// rendered.
func kubeReservedCall(ctx context.Context, name types.String, opts []types.Dynamic) (kubeReservedResult, bool, *function.FuncError) {
	c := funcCall{
		dataSource: "ekssize_node_config",
		positional: map[string]int64{sizing.FieldInstanceType: 0},
		opts:       kubeReservedOptionSet, optsPos: 1, optsGiven: len(opts) > 0,
	}
	inst, ferr := c.instance(0, name)
	if ferr != nil {
		return kubeReservedResult{}, false, ferr
	}
	var o kubeReservedOptions
	if unknown, ferr := c.decodeOptions(ctx, opts, &o); ferr != nil || unknown {
		return kubeReservedResult{}, unknown, ferr
	}
	c.strict = o.Strict.ValueBool()
	in := nodeConfigInputs{
		AMIFamily:         o.AMIFamily,
		MaxPods:           o.MaxPods,
		KubeReservedBasis: o.KubeReservedBasis,
		KubeReserved:      o.KubeReserved,
		LaunchPath:        o.LaunchPath,
	}.toCore(inst, o.toCore())
	res, warns, err := sizing.NodeResources(in)
	if ferr := c.fail(warns, err); ferr != nil {
		return kubeReservedResult{}, false, ferr
	}
	kr := kubeReservedOf(o.KubeReserved, res.KubeReserved)
	return kubeReservedResult{
		CPU:              kr.CPU,
		Memory:           kr.Memory,
		EphemeralStorage: kr.EphemeralStorage,
		CPUMillicores:    types.Int64Value(res.KubeReservedCPUMillicores),
		MemoryMiB:        types.Int64Value(res.KubeReservedMemoryMiB),
	}, false, nil
}
