// Command noopprovider is benchmark scaffolding, not part of the ekssize
// provider: the smallest terraform-plugin-framework provider with one data
// source, noop_value, that returns a constant. scripts/bench.sh measures the
// ekssize provider against it, so what is left over is our own cost rather than
// the framework's or Terraform's.
//
// It is served exactly as the ekssize binary is (internal/serve: SDK logs off
// when Terraform would discard them, lean request contexts), so the floor it
// sets is a fair one: served with the framework's defaults instead, its SDK
// TRACE logs alone wrote about 1.8 MB of stderr per 200 reads for Terraform to
// decode and drop. With BENCH_NOOP_SERVE=framework in its environment it is
// served the old way, providerserver.Serve with the framework's defaults, so
// scripts/bench.sh can report both floors.
//
// It is served as registry.terraform.io/bench/noop (binary
// terraform-provider-noop, used through dev_overrides only).
package main

import (
	"context"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/serve"
)

const address = "registry.terraform.io/bench/noop"

func main() {
	newProvider := func() provider.Provider { return noopProvider{} }
	var err error
	if os.Getenv("BENCH_NOOP_SERVE") == "framework" {
		err = providerserver.Serve(context.Background(), newProvider, providerserver.ServeOpts{Address: address})
	} else {
		err = serve.Serve(address, newProvider, false)
	}
	if err != nil {
		log.Fatal(err)
	}
}

type noopProvider struct{}

func (noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "noop"
}

func (noopProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{}
}

func (noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (noopProvider) Resources(context.Context) []func() resource.Resource { return nil }

func (noopProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{func() datasource.DataSource { return valueDataSource{} }}
}

func (noopProvider) Functions(context.Context) []func() function.Function { return nil }

// valueDataSource is noop_value: an optional key in, a constant value out.
type valueDataSource struct{}

type valueModel struct {
	Key   types.String `tfsdk:"key"`
	Value types.Int64  `tfsdk:"value"`
}

func (valueDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_value"
}

func (valueDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"key":   schema.StringAttribute{Optional: true},
		"value": schema.Int64Attribute{Computed: true},
	}}
}

func (valueDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m valueModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.Value = types.Int64Value(29)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
