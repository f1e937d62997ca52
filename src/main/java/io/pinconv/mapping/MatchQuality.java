package io.pinconv.mapping;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many events carried each kind of identifier Pinterest matches on (the more, the better the match rate), and a
 * value and a currency (what Pinterest reports a checkout's revenue from). Counted over the events Pinterest
 * accepted.
 */
public record MatchQuality(
        long email,
        long phone,
        long mobileAdId,
        long ipAndUserAgent,
        long clickId,
        long externalId,
        long value,
        long currency) {

    public static final MatchQuality NONE = new MatchQuality(0, 0, 0, 0, 0, 0, 0, 0);

    /** Each count by the name monitors and metrics give it. */
    public Map<String, Long> byName() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("email", email);
        m.put("phone", phone);
        m.put("mobile_ad_id", mobileAdId);
        m.put("ip_and_user_agent", ipAndUserAgent);
        m.put("click_id", clickId);
        m.put("external_id", externalId);
        m.put("value", value);
        m.put("currency", currency);
        return m;
    }

    public static MatchQuality of(Collection<ConversionEvent> events) {
        long em = 0, ph = 0, maid = 0, ipUa = 0, click = 0, ext = 0, value = 0, currency = 0;
        for (ConversionEvent e : events) {
            em += e.hasUserData("em") ? 1 : 0;
            ph += e.hasUserData("ph") ? 1 : 0;
            maid += e.hasUserData("hashed_maids") ? 1 : 0;
            ipUa += e.hasUserData("client_ip_address") && e.hasUserData("client_user_agent") ? 1 : 0;
            click += e.hasUserData("click_id") ? 1 : 0;
            ext += e.hasUserData("external_id") ? 1 : 0;
            value += e.value(PinterestField.VALUE) != null ? 1 : 0;
            currency += e.value(PinterestField.CURRENCY) != null ? 1 : 0;
        }
        return new MatchQuality(em, ph, maid, ipUa, click, ext, value, currency);
    }
}
