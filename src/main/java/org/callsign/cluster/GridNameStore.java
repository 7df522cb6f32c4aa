package org.callsign.cluster;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.callsign.message.CloseCode;
import org.callsign.presence.LogText;
import org.callsign.presence.Member;
import org.callsign.presence.NameStore;
import org.callsign.presence.SortedNames;

/**
 * Names for the whole cluster: a name's identity to the login holding it, in one sealed map of
 * the data grid. putIfAbsent, replace(key, old, new) and remove(key, value) are the map's own
 * atomic operations, so across instances exactly one login holds a name. Counts and listings
 * read this instance's {@link Directory}, which lists names by their folded key.
 *
 * <p>The instance holding a login's connection also guards its name: anyone on the grid network
 * can delete or overwrite an entry, even one they cannot read or forge. When an entry of a login
 * here vanishes or is replaced by something that is not a takeover of it, the instance puts its
 * entry back, and if another login claimed the name meanwhile, the earlier claim keeps it and
 * the later one is closed with 4001 (docs/protocol.md rule 35). The same check settles a name
 * claimed on both sides of a network partition once the sides merge again.
 */
final class GridNameStore implements NameStore, SealedMap.Changes {

    private static final Logger LOG = Logger.getLogger(GridNameStore.class.getName());
    /** A stored name is "CLAIMED_AT/PREDECESSOR_ID/" then the holder as {@link GridMembers} writes it. */
    private static final char SEPARATOR = '/';
    /** How many times one check retries when the entry keeps changing under it. */
    private static final int MAX_CHECK_ROUNDS = 5;

    /** One login's claim to a name: when it was made, and the login it took the name over from, if any. */
    record Claim(Member holder, long claimedAt, String predecessor) {

        /** The earlier claim wins a name claimed twice; the ids break a tie the same way on every instance. */
        boolean precedes(Claim other) {
            return claimedAt != other.claimedAt ? claimedAt < other.claimedAt : holder.id().compareTo(other.holder.id()) < 0;
        }
    }

    /** A name held by a login of this instance: its identity and its claim as stored. */
    private record Held(String identity, String stored, Member holder) {
    }

    private final SealedMap names;
    private final GridMembers members;
    private final Directory directory;
    private final Predicate<String> instanceAlive;
    private final Predicate<String> keptForResume;
    private final Executor checks;
    /** The names the logins of this instance hold, by the key the map stores them under. */
    private final Map<String, Held> heldHere = new ConcurrentHashMap<>();
    private volatile BiConsumer<Member, Member> takenOver = (old, successor) -> { };
    private UUID listening;

    /**
     * {@code instanceAlive} says whether an instance is in the cluster; {@code keptForResume}
     * whether the names of one that is not are still held for its logins to resume elsewhere.
     */
    GridNameStore(SealedMap names, GridMembers members, Directory directory, Predicate<String> instanceAlive,
            Predicate<String> keptForResume, Executor checks) {
        this.names = names;
        this.members = members;
        this.directory = directory;
        this.instanceAlive = instanceAlive;
        this.keptForResume = keptForResume;
        this.checks = checks;
    }

    @Override
    public Member get(String identity) {
        Claim claim = claimOf(names.get(identity));
        return claim == null ? null : claim.holder();
    }

    @Override
    public boolean putIfAbsent(String identity, Member member) {
        // Reachable here before anyone can find the name: a peer may call the moment it is stored.
        members.arrived(member);
        String stored = write(new Claim(member, System.currentTimeMillis(), ""));
        if (names.putIfAbsent(identity, stored) || replaceUnreachable(identity, stored, member)) {
            heldHere.put(names.storedKey(identity), new Held(identity, stored, member));
            directory.held(member.name().key(), member);
            return true;
        }
        members.left(member);
        return false;
    }

    /**
     * Takes a name whose holder's instance is no longer in the cluster and whose resume window
     * has passed: the oldest survivor frees such names when the window ends, so this is one
     * played back on the grid since (docs/protocol.md, "What the cluster trusts"), which would
     * otherwise keep the name taken for good, or one the survivors never got to free.
     */
    private boolean replaceUnreachable(String identity, String stored, Member member) {
        String current = names.get(identity);
        Claim claim = claimOf(current);
        if (claim == null || reachable(claim.holder()) || keptForResume.test(members.instanceOf(claim.holder()))
                || !names.replace(identity, current, stored)) {
            return false;
        }
        unlistRespelled(claim.holder(), member);
        return true;
    }

    /** The entry under {@code identity} as stored, if {@code holder} holds it; null otherwise. */
    private String storedIfHeldBy(String identity, Member holder) {
        String current = names.get(identity);
        Claim claim = claimOf(current);
        return claim != null && claim.holder().equals(holder) ? current : null;
    }

    @Override
    public boolean replace(String identity, Member holder, Member successor) {
        String current = storedIfHeldBy(identity, holder);
        if (current == null) {
            return false;
        }
        members.arrived(successor);
        String stored = write(new Claim(successor, System.currentTimeMillis(), holder.id()));
        if (names.replace(identity, current, stored)) {
            heldHere.put(names.storedKey(identity), new Held(identity, stored, successor));
            relist(holder, successor);
            return true;
        }
        members.left(successor);
        return false;
    }

    @Override
    public boolean remove(String identity, Member holder) {
        // Forgotten here first, so that the removal's own event is not taken for an attack.
        String storedKey = names.storedKey(identity);
        Held held = heldHere.get(storedKey);
        String stored;
        if (held != null && held.holder().equals(holder)) {
            heldHere.remove(storedKey, held);
            stored = held.stored();
        } else {
            stored = storedIfHeldBy(identity, holder);
        }
        boolean removed = stored != null && names.remove(identity, stored);
        if (removed) {
            directory.freed(holder.name().key());
        }
        members.left(holder);
        return removed;
    }

    /** Its instance is still in the cluster: a dead instance's names stay until a survivor frees them. */
    @Override
    public boolean reachable(Member member) {
        return instanceAlive.test(members.instanceOf(member));
    }

    @Override
    public SortedNames sorted() {
        return directory.sorted();
    }

    /**
     * After a merge or a loss, which change entries without an event for each: copies the map
     * into the directory again, then checks every name this instance's logins hold against it
     * (a loss may take the last copies of some entries with it) and logs what it found;
     * {@code after} says why.
     */
    void reconcile(String after) {
        directory.refill(holders());
        checkAllHeldHere(after);
    }

    private void checkAllHeldHere(String after) {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (String storedKey : List.copyOf(heldHere.keySet())) {
            outcomes.merge(check(storedKey), 1, Integer::sum);
        }
        LOG.info(() -> "cluster: names checked after " + after + ": " + outcomes.getOrDefault(Outcome.KEPT, 0)
                + " kept, " + outcomes.getOrDefault(Outcome.RESTORED, 0) + " restored, "
                + outcomes.getOrDefault(Outcome.WON, 0) + " claimed again later elsewhere (that login closed with 4001), "
                + outcomes.getOrDefault(Outcome.LOST, 0) + " claimed earlier elsewhere (closed here with 4001)");
    }

    /** Who holds each name, as the map says now; the whole map crosses the network. */
    private List<Member> holders() {
        return names.entries().stream().map(entry -> claimOf(entry.value()).holder()).toList();
    }

    /** The logins holding names whose instance {@code instances} accepts; the whole map crosses the network. */
    List<Member> holdersOn(Predicate<String> instances) {
        return holders().stream().filter(holder -> instances.test(members.instanceOf(holder))).toList();
    }

    /** Fills the directory from the map, listening first (see {@link Directory#fill}). */
    void startListening() {
        directory.fill(() -> listening = names.listen(this), this::holders);
    }

    /** See {@link org.callsign.presence.Registry#onTakenOver}. */
    void onTakenOver(BiConsumer<Member, Member> handOver) {
        this.takenOver = handOver;
    }

    void stopListening() {
        names.stopListening(listening);
    }

    @Override
    public void stored(String storedKey, String value) {
        Claim claim = claimOf(value);
        if (members.goneFromHere(claim.holder())) {
            // An authentic entry of a login of this instance that is not here: played back by
            // someone on the grid network, it would keep the name taken for good.
            checks.execute(() -> names.remove(new SealedMap.Stored(storedKey, value)));
            return;
        }
        directory.held(claim.holder().name().key(), claim.holder());
        Held held = heldHere.get(storedKey);
        if (held != null && !held.stored().equals(value)) {
            checks.execute(() -> check(storedKey));
        }
    }

    /** A takeover, or a check restoring an earlier claim: the name may be spelled differently now. */
    @Override
    public void replaced(String storedKey, String previous, String value) {
        if (previous != null) {
            unlistRespelled(claimOf(previous).holder(), claimOf(value).holder());
        }
        stored(storedKey, value);
    }

    @Override
    public void removed(String storedKey, String previous) {
        if (previous != null) {
            directory.freed(claimOf(previous).holder().name().key());
        }
        if (heldHere.containsKey(storedKey)) {
            checks.execute(() -> check(storedKey));
        }
    }

    @Override
    public void cleared() {
        checks.execute(() -> checkAllHeldHere("the name map was cleared"));
    }

    @Override
    public void forged(String storedKey) {
        if (heldHere.containsKey(storedKey)) {
            checks.execute(() -> check(storedKey));
        }
    }

    /** What a check of one name found, and did. */
    private enum Outcome { GONE, KEPT, RESTORED, TAKEN_OVER, WON, LOST }

    /**
     * Makes the map agree with a login here that holds the name under {@code storedKey}: puts its
     * entry back if it vanished or was forged over; after a takeover of it, lets it go; when
     * another login claimed the name meanwhile, keeps the earlier claim and closes the later.
     */
    private Outcome check(String storedKey) {
        for (int round = 0; round < MAX_CHECK_ROUNDS; round++) {
            Held held = heldHere.get(storedKey);
            if (held == null) {
                return Outcome.GONE;
            }
            String current = names.get(held.identity());
            if (held.stored().equals(current)) {
                return Outcome.KEPT;
            }
            if (current == null) {
                if (names.putIfAbsent(held.identity(), held.stored())) {
                    LOG.warning(() -> "cluster: the name of " + LogText.quote(held.holder().name().display())
                            + " had vanished from the grid or was overwritten by something not authentic; put back");
                    directory.held(held.holder().name().key(), held.holder());
                    return Outcome.RESTORED;
                }
                continue;
            }
            Claim other = claimOf(current);
            Claim ours = claimOf(held.stored());
            if (other.predecessor().equals(held.holder().id())) {
                // A takeover with this login's token: its instance closes this connection with 4001,
                // and what was held here for the login follows it.
                heldHere.remove(storedKey, held);
                takenOver.accept(held.holder(), other.holder());
                return Outcome.TAKEN_OVER;
            }
            if (ours.precedes(other)) {
                if (names.replace(held.identity(), current, held.stored())) {
                    LOG.warning(() -> "cluster: " + LogText.quote(held.holder().name().display()) + " was claimed again"
                            + " elsewhere while held here; the earlier claim keeps it, the later login is closed");
                    relist(other.holder(), held.holder());
                    other.holder().outbox().close(CloseCode.CLAIMED_EARLIER);
                    return Outcome.WON;
                }
                continue;
            }
            heldHere.remove(storedKey, held);
            LOG.info(() -> "cluster: " + LogText.quote(held.holder().name().display()) + " was claimed earlier by a login"
                    + " elsewhere; closing the login here");
            held.holder().outbox().close(CloseCode.CLAIMED_EARLIER);
            return Outcome.LOST;
        }
        return Outcome.KEPT;
    }

    /** The directory lists {@code holder} instead of {@code previous}, which may spell the name differently. */
    private void relist(Member previous, Member holder) {
        directory.held(holder.name().key(), holder);
        unlistRespelled(previous, holder);
    }

    /**
     * Unlists {@code previous}'s spelling of a name {@code holder} now holds if the two differ
     * beyond case (a look-alike): the directory lists names by their folded key, the map by identity.
     */
    private void unlistRespelled(Member previous, Member holder) {
        if (!previous.name().key().equals(holder.name().key())) {
            directory.freed(previous.name().key());
        }
    }

    private String write(Claim claim) {
        return Long.toString(claim.claimedAt()) + SEPARATOR + claim.predecessor() + SEPARATOR + members.encode(claim.holder());
    }

    private Claim claimOf(String stored) {
        if (stored == null) {
            return null;
        }
        int first = stored.indexOf(SEPARATOR);
        int second = stored.indexOf(SEPARATOR, first + 1);
        return new Claim(members.decode(stored.substring(second + 1)), Long.parseLong(stored.substring(0, first)),
                stored.substring(first + 1, second));
    }
}
