package org.bonafide.liveness;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The detectors outside Spring (command line, benchmarks, tests), found and made as the service
 * makes its beans: every {@link Component} of this package that is a {@link LivenessDetector}, in
 * {@link org.springframework.core.annotation.Order} order, each made with its one constructor from
 * its settings record bound by {@link DetectorSettings#bind}. A new detector is a new class; no list
 * names them.
 */
final class LivenessDetectors {
  private static final List<Class<?>> TYPES = scan();

  private LivenessDetectors() {}

  /** Every detector, with its settings bound from {@code properties} (full names) and defaults. */
  static List<LivenessDetector> create(Map<String, String> properties) {
    List<LivenessDetector> out = new ArrayList<>();
    for (Class<?> type : TYPES) {
      out.add(instantiate(type, properties));
    }
    AnnotationAwareOrderComparator.sort(out);
    return List.copyOf(out);
  }

  /** The detector classes found, in their order. */
  static List<Class<?>> types() {
    return TYPES;
  }

  private static LivenessDetector instantiate(Class<?> type, Map<String, String> properties) {
    Constructor<?>[] constructors = type.getDeclaredConstructors();
    if (constructors.length != 1 || constructors[0].getParameterCount() != 1) {
      throw new IllegalStateException(type.getName() + " must have one constructor taking its settings record");
    }
    Constructor<?> constructor = constructors[0];
    Object settings = DetectorSettings.bind(constructor.getParameterTypes()[0], properties);
    try {
      constructor.setAccessible(true);
      return (LivenessDetector) constructor.newInstance(settings);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make " + type.getName(), e);
    }
  }

  private static List<Class<?>> scan() {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AssignableTypeFilter(LivenessDetector.class));
    ClassLoader loader = LivenessDetectors.class.getClassLoader();
    scanner.setResourceLoader(new org.springframework.core.io.DefaultResourceLoader(loader));
    List<Class<?>> out = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents(LivenessDetectors.class.getPackageName())) {
      Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), loader);
      if (AnnotationUtils.findAnnotation(type, Component.class) != null) {
        out.add(type);
      }
    }
    AnnotationAwareOrderComparator.sort(out);
    if (out.isEmpty()) {
      throw new IllegalStateException("no liveness detector found in " + LivenessDetectors.class.getPackageName());
    }
    return List.copyOf(out);
  }
}
