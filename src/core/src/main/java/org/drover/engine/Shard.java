package org.drover.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code --shard K/N}: this run targets the K-th of N slices of the hosts, so N controllers (a CI matrix, an indexed
 * job) share a fleet. A host's slice depends only on its name (a hash), so it never moves when hosts are added or
 * removed, and the slices are even up to the hash's spread. A jail target ({@code web@lab01}) goes with its
 * physical host: they share its connection and its run lock.
 *
 * @param index K, from 1
 * @param count N
 */
public record Shard(int index, int count) {
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is K/N with 1 <= K <= N, e.g. 2/4");
        }
    }

    /** {@code K/N}. */
    public static Shard parse(String text) {
        String[] kn = text.strip().split("/", -1);
        if (kn.length != 2 || !kn[0].matches("[0-9]{1,6}") || !kn[1].matches("[0-9]{1,6}")) {
            throw new IllegalArgumentException("'" + text + "' is not a shard: write K/N with 1 <= K <= N, e.g. 2/4");
        }
        return new Shard(Integer.parseInt(kn[0]), Integer.parseInt(kn[1]));
    }

    public boolean includes(String host) {
        String physical = host.substring(host.lastIndexOf('@') + 1);
        return Math.floorMod(hash(physical), count) == index - 1;
    }

    private static long hash(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = h << 8 | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
