/**
 * supervised/m3: the headless maths of module M3, generalisation and regularisation (chapters 8-9):
 * the 1-D toy of fig. 8.3 and its simplified shallow model (fig. 8.4) with closed-form fits, the
 * bias-variance decomposition of eq. 8.7 (figs. 8.6-8.9), and the regularisers on that toy: L2
 * (eq. 9.5, fig. 9.2), early stopping, dropout and input noise by gradient descent (figs. 9.6,
 * 9.9, 9.10) and bagging (fig. 9.7). Float64, no tfjs, plain data out. The implicit
 * regularisation of gradient descent (fig. 9.3) is in supervised/m2; the MNIST-1D networks are in
 * supervised/mnist1d-models; the module session of the regularisers is supervised/m3-session.
 */
export * from './toy-data';
export * from './linear-solve';
export * from './hinge-model';
export * from './fit-quality';
export * from './bias-variance';
export * from './l2-path';
export * from './bagging';
export * from './hinge-trainer';
export * from './dropout-kink';
