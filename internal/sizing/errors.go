// Package sizing holds every EKS sizing rule as plain Go: max pods, node IP
// consumption, subnet capacity and node resources. It imports no Terraform
// package. Each question a user can ask has one function here; the provider's
// data sources and functions only convert inputs and copy result fields.
package sizing

import (
	"fmt"

	"github.com/ekssize/terraform-provider-ekssize/internal/echo"
)

// InputError is a bad input. Field names the input in the provider's words, as
// a Terraform attribute path written with dots and brackets ("max_eni",
// "instance.vcpus", "subnets[2].cidr_block"), so the provider can attach the
// diagnostic to the right attribute and functions can name the option key.
type InputError struct {
	Field string
	Msg   string
}

func (e *InputError) Error() string { return e.Msg }

// inputErr formats an InputError. String arguments quoted with %q are
// shortened (echo.Quote): the input they echo can be of any length.
func inputErr(field, format string, args ...any) *InputError {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = echo.String(s)
		}
	}
	return &InputError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Warning is a result that is right but probably not what the user meant. The
// provider turns each one into a warning diagnostic on Field.
type Warning struct {
	Field   string
	Summary string
	Detail  string
}
