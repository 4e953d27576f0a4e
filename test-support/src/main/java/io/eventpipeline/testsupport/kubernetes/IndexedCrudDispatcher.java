package io.eventpipeline.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * fabric8's CRUD store with an index by object name. The store finds an object by testing every
 * stored object against the request (and copies them all for a read first), so each request costs
 * time in proportion to the objects stored, and a run creating thousands of objects spends most of
 * its CPU there. Here a request naming one object looks at the objects of that name only.
 *
 * <p>Exactly the store's answers: an object matches a request only if it holds an attribute equal
 * to the request's name attribute, which is what the index is keyed by; any request the index
 * cannot answer the same way (no name, a name that is not an equality, several matches whose order
 * would then matter, a watch) goes to the store's own scan. Every change of the store passes
 * through {@link #processEvent}, which keeps the index; should the store ever hold an object the
 * index does not know (counts differ, or the key computed for a stored object is not the store's),
 * every request goes to the scan from then on. {@code IndexedCrudDispatcherTest} compares both.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
    private final Map<Attribute, Set<AttributeSet>> byName = new ConcurrentHashMap<>();
    private final AtomicInteger indexed = new AtomicInteger();
    private final AtomicBoolean trusted = new AtomicBoolean(true);
    // Held while the store changes, so a read by name never sees an object between its removal
    // and its new version (the store's own lock is private to it).
    private final ReadWriteLock changing = new ReentrantReadWriteLock();

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        List<Map.Entry<AttributeSet, String>> found = lookUp(query);
        if (found == null || found.size() > 1) {
            return super.findResource(query);
        }
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public MockResponse handleGet(String path) {
        if (!path.contains("watch=true")) {
            changing.readLock().lock();
            try {
                List<Map.Entry<AttributeSet, String>> found =
                        lookUp(attributeExtractor.fromPath(path));
                if (found != null && found.size() <= 1) {
                    return found.isEmpty()
                            ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
                            : new MockResponse()
                                    .setResponseCode(HttpURLConnection.HTTP_OK)
                                    .setBody(found.get(0).getValue());
                }
            } finally {
                changing.readLock().unlock();
            }
        }
        return super.handleGet(path);
    }

    @Override
    public void processEvent(
            String path,
            AttributeSet pathAttributes,
            AttributeSet oldAttributes,
            GenericKubernetesResource resource,
            String newState) {
        changing.writeLock().lock();
        try {
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
            if (oldAttributes != null) {
                forget(oldAttributes);
            }
            if (newState != null) {
                remember(storedKey(pathAttributes, resource, newState));
            }
        } finally {
            changing.writeLock().unlock();
        }
    }

    @Override
    public void reset() {
        changing.writeLock().lock();
        try {
            super.reset();
            byName.clear();
            indexed.set(0);
        } finally {
            changing.writeLock().unlock();
        }
    }

    /**
     * The stored objects the query matches, or null when the index cannot tell: the query has no
     * name equality, or the index may be incomplete.
     */
    private List<Map.Entry<AttributeSet, String>> lookUp(AttributeSet query) {
        Attribute name = query.getAttribute(KubernetesAttributesExtractor.NAME);
        if (name == null
                || name.getType() != AttributeType.WITH
                || !trusted.get()
                || indexed.get() != map.size()) {
            return null;
        }
        List<Map.Entry<AttributeSet, String>> found = new ArrayList<>(1);
        for (AttributeSet key : byName.getOrDefault(name, Set.of())) {
            String value = map.get(key);
            if (value != null && key.matches(query)) {
                found.add(Map.entry(key, value));
            }
        }
        return found;
    }

    /** The key the store has just put the object under, computed as the store computes it. */
    private AttributeSet storedKey(
            AttributeSet pathAttributes, GenericKubernetesResource resource, String newState) {
        KubernetesAttributesExtractor extractor =
                (KubernetesAttributesExtractor) attributeExtractor;
        AttributeSet key =
                resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
        if (!key.containsKey(KubernetesAttributesExtractor.PLURAL)) {
            key = AttributeSet.merge(pathAttributes, key);
        }
        return key;
    }

    private void remember(AttributeSet key) {
        Attribute name = key.getAttribute(KubernetesAttributesExtractor.NAME);
        if (name == null || !map.containsKey(key)) {
            trusted.set(false);
            return;
        }
        if (byName.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(key)) {
            indexed.incrementAndGet();
        }
    }

    private void forget(AttributeSet key) {
        Attribute name = key.getAttribute(KubernetesAttributesExtractor.NAME);
        Set<AttributeSet> named = name == null ? null : byName.get(name);
        if (named != null && named.remove(key)) {
            indexed.decrementAndGet();
            if (named.isEmpty()) {
                byName.remove(name, named);
            }
        }
    }
}
