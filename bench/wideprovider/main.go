// Command wideprovider is benchmark scaffolding, not part of the ekssize
// provider: a no-op framework provider whose one data source, wide_max_pods,
// has exactly the schema of ekssize_max_pods (taken from the real provider)
// and the same log policy, but does no work: its Read copies the configuration
// into the state and sets max_pods to a constant.
//
// scripts/bench.sh runs it beside the plain no-op provider to split what an
// ekssize_max_pods read costs into the price of its schema (Terraform's and
// the framework's per-attribute work) and the price of our own code.
// Served as registry.terraform.io/bench/wide through dev_overrides only.
package main

import (
	"context"
	"log"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	ekssize "github.com/ekssize/terraform-provider-ekssize/internal/provider"
	"github.com/ekssize/terraform-provider-ekssize/internal/serve"
)

func main() {
	// The ekssize binary's own log and context policy (internal/serve), so that
	// the difference to ekssize_max_pods is the Read alone.
	if err := serve.Serve("registry.terraform.io/bench/wide", func() provider.Provider { return wideProvider{} }, false); err != nil {
		log.Fatal(err)
	}
}

type wideProvider struct{}

func (wideProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "wide"
}

func (wideProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{}
}

func (wideProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (wideProvider) Resources(context.Context) []func() resource.Resource { return nil }

func (wideProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{func() datasource.DataSource { return maxPodsShaped{} }}
}

func (wideProvider) Functions(context.Context) []func() function.Function { return nil }

// maxPodsShaped has ekssize_max_pods's schema and a Read that does nothing.
type maxPodsShaped struct{}

func (maxPodsShaped) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_max_pods"
}

func (maxPodsShaped) Schema(ctx context.Context, req datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	for _, newDS := range ekssize.New("bench")().DataSources(ctx) {
		ds := newDS()
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: ekssize.TypeName}, &meta)
		if meta.TypeName == "ekssize_max_pods" {
			ds.Schema(ctx, req, resp)
			return
		}
	}
	resp.Diagnostics.AddError("no ekssize_max_pods", "the ekssize provider has no ekssize_max_pods data source")
}

func (maxPodsShaped) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var vals map[string]tftypes.Value
	if err := req.Config.Raw.As(&vals); err != nil {
		resp.Diagnostics.AddError("bad config", err.Error())
		return
	}
	vals["max_pods"] = tftypes.NewValue(tftypes.Number, big.NewFloat(29))
	resp.State.Raw = tftypes.NewValue(req.Config.Raw.Type(), vals)
}
