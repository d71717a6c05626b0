namespace LiveGraphRec.Training.Propagation;

/// <summary>
/// One LightGCN layer, E' = Ã E, as an autograd function. Ã is symmetric, so the gradient with respect to
/// E is Ã times the incoming gradient: the same SpMM, and no sparse-operand backward from libtorch.
/// </summary>
/// <remarks>
/// libtorch runs a CUDA graph's backward on its own device thread, outside the dispose scope of the step that
/// called <c>backward()</c>, so tensors made there would wait for the finalizer while the GPU fills (measured on an
/// H200: one Gowalla trainer grew to 113 GiB). The backward therefore releases its input wrapper at once and hands
/// its result to the scope the forward ran in.
/// </remarks>
internal sealed class GraphConvolution : autograd.SingleTensorFunction<GraphConvolution>
{
    private const string OperatorKey = "operator";
    private const string ScopeKey = "scope";

    public override string Name => nameof(GraphConvolution);

    public static Tensor Apply(Tensor embeddings, GraphOperator graph) => apply(embeddings, graph);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var graph = (GraphOperator)vars[1];
        ctx.save_data(OperatorKey, graph);
        ctx.save_data(ScopeKey, CurrentDisposeScope);
        return graph.Multiply((Tensor)vars[0]);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var graph = (GraphOperator)ctx.get_data(OperatorKey);
        // The wrapper only: the engine holds its own reference to the gradient.
        using (grad_output)
        {
            Tensor gradient = graph.Multiply(grad_output);
            if (CurrentDisposeScope is null && ctx.get_data(ScopeKey) is DisposeScope forwardScope)
            {
                try
                {
                    forwardScope.Attach(gradient);
                }
                catch (ObjectDisposedException)
                {
                    // The forward's scope ended before this backward ran: the tensor is left to the finalizer, like any made outside a scope.
                }
            }
            return [gradient, null!];
        }
    }
}
