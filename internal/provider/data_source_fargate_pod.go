package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var (
	_ datasource.DataSource                   = (*fargatePodDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*fargatePodDataSource)(nil)
)

// NewFargatePodDataSource is the ekssize_fargate_pod data source.
func NewFargatePodDataSource() datasource.DataSource { return &fargatePodDataSource{} }

type fargatePodDataSource struct{}

// fargateContainerModel is one container block (and one object of the
// fargate_size function's argument).
type fargateContainerModel struct {
	Name                    types.String `tfsdk:"name"`
	Init                    types.Bool   `tfsdk:"init"`
	CPURequest              types.String `tfsdk:"cpu_request"`
	CPULimit                types.String `tfsdk:"cpu_limit"`
	MemoryRequest           types.String `tfsdk:"memory_request"`
	MemoryLimit             types.String `tfsdk:"memory_limit"`
	EphemeralStorageRequest types.String `tfsdk:"ephemeral_storage_request"`
}

// fargatePodResults is what Fargate provisions; the fargate_size function
// returns the same object.
type fargatePodResults struct {
	CPUMillicores              types.Int64   `tfsdk:"cpu_millicores"`
	VCPU                       types.Float64 `tfsdk:"vcpu"`
	MemoryMiB                  types.Int64   `tfsdk:"memory_mib"`
	MemoryGiB                  types.Float64 `tfsdk:"memory_gib"`
	CapacityProvisioned        types.String  `tfsdk:"capacity_provisioned"`
	EphemeralStorageGiB        types.Int64   `tfsdk:"ephemeral_storage_gib"`
	EphemeralStorageRequestGiB types.Int64   `tfsdk:"ephemeral_storage_request_gib"`
	InitCPUMillicores          types.Int64   `tfsdk:"init_cpu_millicores"`
	InitMemoryMiB              types.Int64   `tfsdk:"init_memory_mib"`
	LongRunningCPUMillicores   types.Int64   `tfsdk:"long_running_cpu_millicores"`
	LongRunningMemoryMiB       types.Int64   `tfsdk:"long_running_memory_mib"`
	PodCPUMillicores           types.Int64   `tfsdk:"pod_cpu_millicores"`
	PodMemoryMiB               types.Int64   `tfsdk:"pod_memory_mib"`
	MemoryWithOverheadMiB      types.Int64   `tfsdk:"memory_with_overhead_mib"`
	Explanation                types.String  `tfsdk:"explanation"`
}

type fargatePodModel struct {
	Container types.List `tfsdk:"container"`
	fargatePodResults
}

func (d *fargatePodDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_fargate_pod"
}

// fargateContainerAttributes are a container's arguments: the container
// block's, and the keys of each object of fargate_size's argument.
func fargateContainerAttributes() map[string]schema.Attribute {
	quantity := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"name": schema.StringAttribute{Optional: true, MarkdownDescription: "The container's name, for your own reference; it changes nothing."},
		"init": schema.BoolAttribute{Optional: true, MarkdownDescription: "Whether this is an init container (`spec.initContainers`). " +
			"Init containers run one after another before the others start, so only the largest counts. Default `false`. A native " +
			"sidecar (an init container with `restartPolicy: Always`) runs for the pod's life: give it as a long-running container."},
		"cpu_request": quantity("`resources.requests.cpu`, a Kubernetes quantity such as `\"250m\"` or `\"1\"`. Unset means the " +
			"`cpu_limit` (Kubernetes defaults a missing request to the limit), or 0."),
		"cpu_limit":      quantity("`resources.limits.cpu`. Used only where `cpu_request` is unset; a request above it is an error."),
		"memory_request": quantity("`resources.requests.memory`, such as `\"512Mi\"` or `\"2Gi\"`. Unset means the `memory_limit`, or 0."),
		"memory_limit":   quantity("`resources.limits.memory`. Used only where `memory_request` is unset; a request above it is an error."),
		"ephemeral_storage_request": quantity("`resources.requests.ephemeral-storage`, such as `\"30Gi\"`. Unset means none: the " +
			"pod's default 20 GiB."),
	}
}

// fargatePodResultAttributes documents the results once, for the data source
// and the function's returned object.
func fargatePodResultAttributes() map[string]schema.Attribute {
	n := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"cpu_millicores": n("vCPU Fargate provisions, in millicores: 250, 500, 1000, 2000, 4000, 8000 or 16000."),
		"vcpu":           schema.Float64Attribute{Computed: true, MarkdownDescription: "vCPU Fargate provisions, as AWS writes it: 0.25, 0.5, 1, 2, 4, 8 or 16."},
		"memory_mib":     n("Memory Fargate provisions, in MiB (Fargate's GB is 1024 MiB)."),
		"memory_gib":     schema.Float64Attribute{Computed: true, MarkdownDescription: "Memory Fargate provisions, in Fargate's GB (GiB): 0.5 to 120."},
		"capacity_provisioned": schema.StringAttribute{Computed: true, MarkdownDescription: "The `CapacityProvisioned` annotation Fargate " +
			"writes on the pod, such as `0.25vCPU 0.5GB`: what the pod is billed for."},
		"ephemeral_storage_gib": n("Ephemeral storage Fargate provisions, in GiB: 20 by default; with requests, the requests plus 10% " +
			"plus 5 GiB for system components, rounded up, never below 20."),
		"ephemeral_storage_request_gib": n("The pod's ephemeral-storage request (the larger of the init maximum and the long-running " +
			"sum), rounded up to a whole GiB; at most 175."),
		"init_cpu_millicores":         n("The largest CPU request of any init container, in millicores."),
		"init_memory_mib":             n("The largest memory request of any init container, in MiB (rounded up)."),
		"long_running_cpu_millicores": n("The CPU requests of the long-running containers added up, in millicores."),
		"long_running_memory_mib":     n("The memory requests of the long-running containers added up, in MiB (rounded up)."),
		"pod_cpu_millicores":          n("The pod's CPU request: the larger of `init_cpu_millicores` and `long_running_cpu_millicores`."),
		"pod_memory_mib":              n("The pod's memory request: the larger of `init_memory_mib` and `long_running_memory_mib`."),
		"memory_with_overhead_mib":    n("`pod_memory_mib` plus the 256 MiB Fargate adds for kubelet, kube-proxy and containerd: what is rounded up."),
		"explanation":                 schema.StringAttribute{Computed: true, MarkdownDescription: "The steps, in words and numbers."},
	}
}

func (d *fargatePodDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "What EKS Fargate provisions for a pod: each Fargate pod runs alone on its own node, sized from the " +
			"pod's requests by AWS's published rules (Amazon EKS User Guide, \"Understand Fargate Pod configuration details\"): the " +
			"largest init container request and the long-running containers' requests added up, the larger of the two, plus 256 MiB " +
			"for the Kubernetes components, rounded up to the smallest supported vCPU and memory combination (0.25 vCPU with 0.5, 1 " +
			"or 2 GB up to 16 vCPU with 32 to 120 GB in 8 GB steps). A pod larger than 16 vCPU or 120 GB is an error. Every Fargate " +
			"pod also takes one IP address of its subnet (`ekssize_cluster_ip_plan`'s `fargate_pods`).",
		Attributes: fargatePodResultAttributes(),
		Blocks: map[string]schema.Block{
			// A block, not a nested attribute: Terraform rejects a misspelt
			// argument inside a block, while it silently drops unknown keys of
			// an object given to a nested attribute (hashicorp/terraform#33570).
			"container": schema.ListNestedBlock{
				MarkdownDescription: "A container of the pod (at least one long-running one), with its requests and limits as in the pod spec.",
				NestedObject:        schema.NestedBlockObject{Attributes: fargateContainerAttributes()},
			},
		},
	}
}

// fargateContainers converts the container blocks (or the function's objects)
// to the core's inputs. An unknown value is left out, together with the limit
// or request it would pair with, so validation at plan time can only miss an
// error, never invent one. (Read runs only once everything is known.)
func fargateContainers(ms []fargateContainerModel) []sizing.FargateContainer {
	var cs []sizing.FargateContainer
	for _, m := range ms {
		c := sizing.FargateContainer{
			Name:                    m.Name.ValueString(),
			Init:                    m.Init.ValueBool(),
			EphemeralStorageRequest: m.EphemeralStorageRequest.ValueString(),
		}
		c.CPURequest, c.CPULimit = requestLimitPair(m.CPURequest, m.CPULimit)
		c.MemoryRequest, c.MemoryLimit = requestLimitPair(m.MemoryRequest, m.MemoryLimit)
		cs = append(cs, c)
	}
	return cs
}

// requestLimitPair drops both values when the request is unknown (the limit
// alone would stand in for it and could be larger), and the limit alone when
// only it is unknown.
func requestLimitPair(req, lim types.String) (string, string) {
	switch {
	case req.IsUnknown():
		return "", ""
	case lim.IsUnknown():
		return req.ValueString(), ""
	}
	return req.ValueString(), lim.ValueString()
}

// read decodes the container blocks; ok is false when the list itself is
// unknown (a dynamic block over an unknown collection).
func (m fargatePodModel) containers(ctx context.Context, diags *diag.Diagnostics) ([]fargateContainerModel, bool) {
	if m.Container.IsUnknown() {
		return nil, false
	}
	var ms []fargateContainerModel
	diags.Append(m.Container.ElementsAs(ctx, &ms, false)...)
	return ms, !diags.HasError()
}

func (d *fargatePodDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m fargatePodModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ms, ok := m.containers(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	cs := fargateContainers(ms)
	if _, err := sizing.FargatePod(cs); err != nil {
		addCoreError(&resp.Diagnostics, "Invalid Fargate pod", err)
	}
}

func (d *fargatePodDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m fargatePodModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ms, ok := m.containers(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	cs := fargateContainers(ms)
	res, err := sizing.FargatePod(cs)
	if err != nil {
		addCoreError(&resp.Diagnostics, "Invalid Fargate pod", err)
		return
	}
	m.fargatePodResults = fargatePodResultsOf(res)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// fargatePodResultsOf copies the core's result.
func fargatePodResultsOf(r sizing.FargateResult) fargatePodResults {
	return fargatePodResults{
		CPUMillicores:              types.Int64Value(r.VCPUMilli),
		VCPU:                       types.Float64Value(float64(r.VCPUMilli) / 1000),
		MemoryMiB:                  types.Int64Value(r.MemoryMiB),
		MemoryGiB:                  types.Float64Value(float64(r.MemoryMiB) / 1024),
		CapacityProvisioned:        types.StringValue(r.CapacityProvisioned),
		EphemeralStorageGiB:        types.Int64Value(r.EphemeralStorageGiB),
		EphemeralStorageRequestGiB: types.Int64Value(r.EphemeralRequestGiB),
		InitCPUMillicores:          types.Int64Value(r.InitMilliCPU),
		InitMemoryMiB:              types.Int64Value(r.InitMemoryMiB),
		LongRunningCPUMillicores:   types.Int64Value(r.LongRunningMilliCPU),
		LongRunningMemoryMiB:       types.Int64Value(r.LongRunningMemoryMiB),
		PodCPUMillicores:           types.Int64Value(r.PodMilliCPU),
		PodMemoryMiB:               types.Int64Value(r.PodMemoryMiB),
		MemoryWithOverheadMiB:      types.Int64Value(r.MemoryWithOverheadMiB),
		Explanation:                types.StringValue(r.Explanation),
	}
}
