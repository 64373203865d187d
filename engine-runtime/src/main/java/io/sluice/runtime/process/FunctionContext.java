package io.sluice.runtime.process;

import io.sluice.api.state.State;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.state.TimeDomain;
import io.sluice.api.state.TimerContext;
import io.sluice.api.state.Timers;

/**
 * The one context object a process function sees, for records and timers alike: it reads the
 * {@link KeyScope} the operator set before the call and forwards timers and state to their services.
 * Reused for every call, so it allocates nothing. Owned by one worker thread.
 */
final class FunctionContext implements TimerContext<Object>, Timers {

    private final KeyScope scope;
    private final TimerService timers;
    private final StateRegistry registry;
    /** The domain of the firing timer; {@code null} while processing a record. */
    TimeDomain timerDomain;
    /** An event-time timer at or below the watermark was registered: fire it once the call returns. */
    boolean eventTimerDue;

    FunctionContext(KeyScope scope, TimerService timers, StateRegistry registry) {
        this.scope = scope;
        this.timers = timers;
        this.registry = registry;
    }

    @Override
    public Object currentKey() {
        return scope.key;
    }

    @Override
    public long timestamp() {
        return scope.timestamp;
    }

    @Override
    public long currentWatermark() {
        return scope.watermark;
    }

    @Override
    public long currentProcessingTime() {
        return scope.processingTime();
    }

    @Override
    public Timers timers() {
        return this;
    }

    @Override
    public <S extends State> S state(StateDescriptor<S> descriptor) {
        return registry.handle(descriptor);
    }

    @Override
    public TimeDomain timeDomain() {
        return timerDomain;
    }

    @Override
    public void registerEventTimeTimer(long timestamp) {
        timers.register(scope.key, scope.keyGroup, Timer.EVENT, timestamp);
        if (timestamp <= scope.watermark) {
            eventTimerDue = true;
        }
    }

    @Override
    public void deleteEventTimeTimer(long timestamp) {
        timers.delete(scope.key, scope.keyGroup, Timer.EVENT, timestamp);
    }

    @Override
    public void registerProcessingTimeTimer(long timestamp) {
        timers.register(scope.key, scope.keyGroup, Timer.PROCESSING, timestamp);
    }

    @Override
    public void deleteProcessingTimeTimer(long timestamp) {
        timers.delete(scope.key, scope.keyGroup, Timer.PROCESSING, timestamp);
    }
}
