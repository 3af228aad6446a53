// Package serve runs a terraform-plugin-framework provider the way the
// ekssize binary does: protocol 6, SDK logs off when Terraform would discard
// them (QuietSDKLogs), and request contexts the framework cannot pin in memory
// (Lean). The benchmark scaffolding serves its providers through it too, so
// what it measures is the binary's policy, not a copy of it.
package serve

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Serve serves p at address. Unless debug is set it applies QuietSDKLogs and,
// when the logs are off, wraps the framework server in Lean.
func Serve(address string, p func() provider.Provider, debug bool) error {
	quiet := !debug && QuietSDKLogs()
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve(address, func() tfprotov6.ProviderServer {
		s := providerserver.NewProtocol6(p())()
		if quiet {
			return Lean(s)
		}
		return s
	}, opts...)
}

// Lean wraps s so that the calls Terraform makes once per data source instance
// or function call get a fresh context (see leanServer).
func Lean(s tfprotov6.ProviderServer) tfprotov6.ProviderServer { return leanServer{s} }

// leanServer gives the framework a fresh context, cancelled with the request's,
// for the calls Terraform makes once per data source instance or function
// call. The framework (proto6server.registerContext,
// https://github.com/hashicorp/terraform-plugin-framework/blob/v1.19.0/internal/proto6server/serve.go#L24-L30;
// no upstream issue found) keeps every request context's cancel function until
// StopProvider, which Terraform never sends during a plan, and with it the
// request's whole context: about 15 KB of per-request loggers. Delete it, and
// check with `BENCH_ABLATE=1 make bench` (variant d@nolean), once upstream
// releases the contexts of finished requests. A plan reading ekssize_max_pods for 800 node groups
// grew the provider to 70 MB resident that way (BENCHMARKS.md). The fresh
// context carries no loggers, so it is used only when no TF_LOG* setting asks
// for provider logs (QuietSDKLogs), when Terraform would discard them anyway.
type leanServer struct {
	tfprotov6.ProviderServer
}

// lean returns a context without the request's values that is cancelled when
// ctx is; call done when the request is finished.
func lean(ctx context.Context) (fresh context.Context, done func()) {
	fresh, cancel := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx, cancel)
	return fresh, func() { stop(); cancel() }
}

func (s leanServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	ctx, done := lean(ctx)
	defer done()
	return s.ProviderServer.ValidateDataResourceConfig(ctx, req)
}

func (s leanServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	ctx, done := lean(ctx)
	defer done()
	return s.ProviderServer.ReadDataSource(ctx, req)
}

func (s leanServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	ctx, done := lean(ctx)
	defer done()
	return s.ProviderServer.CallFunction(ctx, req)
}
