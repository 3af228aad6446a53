package serve

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

type ctxKey struct{}

// recorder is a ProviderServer that keeps the context of its last call.
type recorder struct {
	tfprotov6.ProviderServer
	ctx context.Context
}

func (r *recorder) ReadDataSource(ctx context.Context, _ *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	r.ctx = ctx
	return &tfprotov6.ReadDataSourceResponse{}, nil
}

func (r *recorder) ValidateDataResourceConfig(ctx context.Context, _ *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	r.ctx = ctx
	<-ctx.Done() // returns only once the request's cancellation reached it
	return &tfprotov6.ValidateDataResourceConfigResponse{}, nil
}

func TestLeanServerDropsValuesKeepsCancellation(t *testing.T) {
	rec := &recorder{}
	s := Lean(rec)

	ctx := context.WithValue(context.Background(), ctxKey{}, "request loggers")
	if _, err := s.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{}); err != nil {
		t.Fatal(err)
	}
	if rec.ctx.Value(ctxKey{}) != nil {
		t.Error("the framework still sees the request's context values")
	}
	if rec.ctx.Err() == nil {
		t.Error("the fresh context outlives its request")
	}

	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = s.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{})
	}()
	cancel()
	<-done // hangs if cancelling the request does not cancel the fresh context
}
