package dev.nifiidcard.testing;

import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxyConfigurationService;

import java.net.InetSocketAddress;
import java.net.Proxy;

/** A Proxy Configuration Service pointing at a local HTTP proxy, optionally with credentials. */
public class TestProxyConfigurationService extends AbstractControllerService implements ProxyConfigurationService {

    private final ProxyConfiguration configuration = new ProxyConfiguration();

    public TestProxyConfigurationService(final InetSocketAddress proxy, final String user, final String password) {
        configuration.setProxyType(Proxy.Type.HTTP);
        configuration.setProxyServerHost(proxy.getHostString());
        configuration.setProxyServerPort(proxy.getPort());
        configuration.setProxyUserName(user);
        configuration.setProxyUserPassword(password);
    }

    @Override
    public ProxyConfiguration getConfiguration() {
        return configuration;
    }
}
