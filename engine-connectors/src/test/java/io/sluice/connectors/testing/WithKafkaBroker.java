package io.sluice.connectors.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process {@link KafkaBroker} per test class: {@code @ExtendWith(WithKafkaBroker.class)} on the class
 * starts it before the class's own {@code @BeforeAll} methods, puts it in the class's {@code static KafkaBroker}
 * field, and closes it after the class's {@code @AfterAll} methods.
 */
public final class WithKafkaBroker implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        List<Field> fields = brokerFields(context.getRequiredTestClass());
        if (fields.size() != 1) {
            throw new IllegalStateException(context.getRequiredTestClass().getName()
                    + " needs exactly one static KafkaBroker field for @ExtendWith(WithKafkaBroker.class), has " + fields.size());
        }
        fields.get(0).setAccessible(true);
        fields.get(0).set(null, KafkaBroker.start());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (Field f : brokerFields(context.getRequiredTestClass())) {
            f.setAccessible(true);
            KafkaBroker broker = (KafkaBroker) f.get(null);
            if (broker != null) {
                f.set(null, null);
                broker.close();
            }
        }
    }

    private static List<Field> brokerFields(Class<?> testClass) {
        List<Field> out = new ArrayList<>();
        for (Field f : testClass.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == KafkaBroker.class) {
                out.add(f);
            }
        }
        return out;
    }
}
