namespace LiveGraphRec.Training.Propagation;

/// <summary>
/// One LightGCN layer, E' = Ã E, as an autograd function. Ã is symmetric, so the gradient with respect to
/// E is Ã times the incoming gradient: the same SpMM, and no sparse-operand backward from libtorch.
/// </summary>
internal sealed class GraphConvolution : autograd.SingleTensorFunction<GraphConvolution>
{
    private const string OperatorKey = "operator";

    public override string Name => nameof(GraphConvolution);

    public static Tensor Apply(Tensor embeddings, GraphOperator graph) => apply(embeddings, graph);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var graph = (GraphOperator)vars[1];
        ctx.save_data(OperatorKey, graph);
        return graph.Multiply((Tensor)vars[0]);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var graph = (GraphOperator)ctx.get_data(OperatorKey);
        return [graph.Multiply(grad_output), null!];
    }
}
