package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var _ function.Function = (*maxPodsFunction)(nil)

// NewMaxPodsFunction is provider::ekssize::max_pods.
func NewMaxPodsFunction() function.Function { return &maxPodsFunction{} }

type maxPodsFunction struct{}

// maxPodsOptions are the options of max_pods: the networking, mirror and
// launch_path attributes of ekssize_max_pods, and strict.
type maxPodsOptions struct {
	networkingModel
	mirrorModel
	LaunchPath types.String `tfsdk:"launch_path"`
	strictOption
}

var maxPodsOptionSet = newFuncOptions(networkingAttributes(), schemaAttributes(NewMaxPodsDataSource(), sizing.FieldMirror, "launch_path"), strictAttributes())

func (f *maxPodsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "max_pods"
}

func (f *maxPodsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Max pods per node for an instance type, as the ekssize_max_pods data source computes it",
		MarkdownDescription: "Returns `max_pods` of the `ekssize_max_pods` data source for `instance_type` and the optional " +
			"`options` object: the value to give kubelet, mirroring `max-pods-calculator.sh` (ENI or prefix arithmetic, then " +
			"the 110/250 cap, `max_pods_limit` and `pods_per_core`), or with `launch_path` the value the node gets on that launch path " +
			"(`managed`: what EKS writes; `auto_mode`: EKS Auto Mode's). The same core code, defaults, validation and messages as the " +
			"data source. Unknown arguments give an unknown result; null arguments are errors.\n\n" +
			warningsPolicy + "\n\nOptions (each but `strict` as the data source attribute of the same name):\n\n" + maxPodsOptionSet.markdownTable(),
		Parameters:        []function.Parameter{instanceTypeParameter()},
		VariadicParameter: maxPodsOptionSet.parameter("ekssize_max_pods"),
		Return:            function.Int64Return{},
	}
}

func (f *maxPodsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var name types.String
	var opts []types.Dynamic
	if resp.Error = req.Arguments.Get(ctx, &name, &opts); resp.Error != nil {
		return
	}
	maxPods, unknown, ferr := maxPodsCall(ctx, name, opts)
	switch {
	case ferr != nil:
		resp.Error = ferr
	case unknown:
		resp.Error = resp.Result.Set(ctx, types.Int64Unknown())
	default:
		resp.Error = resp.Result.Set(ctx, maxPods)
	}
}

// maxPodsCall answers max_pods(instance_type, options...) with the data
// source's conversions (networkingModel.toCore, withMirror, launchPath) and
// core function (sizing.MaxPods).
func maxPodsCall(ctx context.Context, name types.String, opts []types.Dynamic) (types.Int64, bool, *function.FuncError) {
	c := funcCall{
		dataSource: "ekssize_max_pods",
		positional: map[string]int64{sizing.FieldInstanceType: 0},
		opts:       maxPodsOptionSet, optsPos: 1, optsGiven: len(opts) > 0,
	}
	in, ferr := c.instance(0, name)
	if ferr != nil {
		return types.Int64{}, false, ferr
	}
	var o maxPodsOptions
	if unknown, ferr := c.decodeOptions(ctx, opts, &o); ferr != nil || unknown {
		return types.Int64{}, unknown, ferr
	}
	c.strict = o.Strict.ValueBool()
	res, warns, err := sizing.MaxPods(in, launchPath(o.withMirror(o.toCore()), o.LaunchPath))
	if ferr := c.fail(warns, err); ferr != nil {
		return types.Int64{}, false, ferr
	}
	return types.Int64Value(int64(res.MaxPods)), false, nil
}
