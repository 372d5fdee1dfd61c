// The in-process OPA side of bench:peers: the three Rego policies and their data document loaded
// once, one prepared query per policy (rego.PrepareForEval, as OPA's Go API documentation
// recommends for repeated evaluation), the store optimised for reads, inputs converted to OPA's AST values once, so that a timed
// slice measures the prepared query's evaluation alone. Driven by bench/peers/opa.ts through
// newline-delimited JSON on stdin/stdout:
//
//	{"op":"load","policy":"albo.quota","inputs":[...]}  → {"ok":true}
//	{"op":"answers","policy":"albo.quota"}              → {"answers":[...]} (one evaluation per input)
//	{"op":"rate","policy":"albo.quota","ms":25}         → {"rate":<decisions/s>} (cycling the inputs)
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
)

var queries = map[string]string{
	"albo.quota":       "data.peers.albo_quota.decision",
	"account.password": "data.peers.account_password.decision",
	"cns.timeline":     "data.peers.cns_timeline.decision",
}

type command struct {
	Op     string            `json:"op"`
	Policy string            `json:"policy"`
	Inputs []json.RawMessage `json:"inputs"`
	Ms     int               `json:"ms"`
}

func main() {
	dir := os.Args[1]
	raw, err := os.ReadFile(filepath.Join(dir, "data.json"))
	check(err)
	var data map[string]interface{}
	check(json.Unmarshal(raw, &data))
	modules, err := filepath.Glob(filepath.Join(dir, "*.rego"))
	check(err)
	ctx := context.Background()
	// As `opa run --optimize-store-for-read-speed`: data converted to AST values once, on write,
	// instead of on every read (OPA's "Storage Optimization" advice for high-performance use).
	store := inmem.NewFromObjectWithOpts(data, inmem.OptRoundTripOnWrite(false), inmem.OptReturnASTValuesOnRead(true))
	prepared := map[string]rego.PreparedEvalQuery{}
	for policy, query := range queries {
		options := []func(*rego.Rego){rego.Query(query), rego.Store(store)}
		for _, m := range modules {
			source, err := os.ReadFile(m)
			check(err)
			options = append(options, rego.Module(m, string(source)))
		}
		pq, err := rego.New(options...).PrepareForEval(ctx)
		check(err)
		prepared[policy] = pq
	}
	inputs := map[string][]ast.Value{}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<30)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var c command
		check(json.Unmarshal(in.Bytes(), &c))
		pq, known := prepared[c.Policy]
		if !known {
			check(fmt.Errorf("unknown policy %q", c.Policy))
		}
		switch c.Op {
		case "load":
			values := make([]ast.Value, len(c.Inputs))
			for i, r := range c.Inputs {
				v, err := ast.ValueFromReader(bytes.NewReader(r))
				check(err)
				values[i] = v
			}
			inputs[c.Policy] = values
			check(out.Encode(map[string]bool{"ok": true}))
		case "answers":
			answers := make([]interface{}, len(inputs[c.Policy]))
			for i, v := range inputs[c.Policy] {
				rs, err := pq.Eval(ctx, rego.EvalParsedInput(v))
				check(err)
				if len(rs) == 1 && len(rs[0].Expressions) == 1 {
					answers[i] = rs[0].Expressions[0].Value
				} // else undefined: null, which no engine answers
			}
			check(out.Encode(map[string]interface{}{"answers": answers}))
		case "rate":
			values := inputs[c.Policy]
			done := 0
			start := time.Now()
			limit := time.Duration(c.Ms) * time.Millisecond
			for time.Since(start) < limit {
				for _, v := range values {
					rs, err := pq.Eval(ctx, rego.EvalParsedInput(v))
					check(err)
					if len(rs) != 1 {
						check(fmt.Errorf("%s: undefined decision", c.Policy))
					}
				}
				done += len(values)
			}
			check(out.Encode(map[string]float64{"rate": float64(done) / time.Since(start).Seconds()}))
		default:
			check(fmt.Errorf("unknown op %q", c.Op))
		}
	}
	check(in.Err())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
