import { render } from 'preact';
import { App } from './App';
import { measurements } from './pulse-global';
import './styles.css';

measurements();

const root = document.getElementById('app');
if (root) {
  render(<App />, root);
}
